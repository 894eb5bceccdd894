// Harness of the crossbar alone (top module CrossbarUnit: xbar/Crossbar), for the unit test that plays the inputs,
// the outputs and the scheduler in Java (CrossbarUnitTest). UNIT_N = ports.
// Per cycle: in = 2n words: ctl of port 0..n-1 (in beat valid/sop/eop/bytes, out.ready, connect valid/source), then
// the tag word of input 0..n-1; out = 3n words: stat of port 0..n-1 (out beat valid/sop/eop/bytes, outFree, stall,
// in.ready, outSource), then each output's first data chunk, then each output's XOR of its beat's chunks (layouts in
// CrossbarUnit.scala). The outputs are sampled before the clock edge: what the crossbar shows in that cycle.
#include "VCrossbarUnit.h"
#include "signals.h"
#include "unit_harness.h"

#ifndef UNIT_N
#error "build with -DUNIT_N=<ports>"
#endif

class CrossbarUnitSim : public UnitHarness<VCrossbarUnit> {
public:
    CrossbarUnitSim() : UnitHarness("CrossbarUnit", 2 * UNIT_N, 3 * UNIT_N) { reset(); }

protected:
    void clearInputs() override {
        for (int k = 0; k < UNIT_N; k++) {
            putField(top_->ctl, 64 * k, 64, 0);
            putField(top_->data, 64 * k, 64, 0);
        }
    }
    void apply(const uint64_t* w) override {
        for (int k = 0; k < UNIT_N; k++) {
            putField(top_->ctl, 64 * k, 64, w[k]);
            putField(top_->data, 64 * k, 64, w[UNIT_N + k]);
        }
    }
    void sample(uint64_t* out) override {
        for (int k = 0; k < UNIT_N; k++) {
            out[k] = getField(top_->stat, 64 * k, 64);
            out[UNIT_N + k] = getField(top_->outData, 64 * k, 64);
            out[2 * UNIT_N + k] = getField(top_->outFold, 64 * k, 64);
        }
    }
};

extern "C" IUnit* crossbar_unit_create(char* err, int errcap) {
    (void)err; (void)errcap;
    return new CrossbarUnitSim();
}
