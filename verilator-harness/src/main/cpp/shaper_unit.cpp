// Harness of the vHBA shaper alone (top module TokenShaperUnit), for the lockstep unit test.
// Per cycle: in = 3 words: write (valid[0] word[2:1] flow[10:3]), write data, takes (see TokenShaperUnit.scala);
// out = 1 + 2 * UNIT_N words: eligible bits, then each flow's committed bucket, then each flow's peak bucket
// (signed, 2^-24 bytes). The outputs are sampled before the clock edge: the state the cycle started from.
#include "VTokenShaperUnit.h"
#include "signals.h"
#include "unit_harness.h"

#ifndef UNIT_N
#error "build with -DUNIT_N=<flows>"
#endif

class ShaperUnitSim : public UnitHarness<VTokenShaperUnit> {
public:
    ShaperUnitSim() : UnitHarness("TokenShaperUnit", 3, 1 + 2 * UNIT_N) { reset(); }

protected:
    void clearInputs() override {
        top_->write = 0;
        top_->writeData = 0;
        top_->take = 0;
    }
    void apply(const uint64_t* w) override {
        top_->write = (uint16_t)w[0];
        top_->writeData = w[1];
        top_->take = w[2];
    }
    void sample(uint64_t* out) override {
        out[0] = getField(top_->eligible, 0, UNIT_N);
        for (int k = 0; k < 2 * UNIT_N; k++) out[1 + k] = getField(top_->buckets, 64 * k, 64);
    }
};

extern "C" IUnit* shaper_unit_create(char* err, int errcap) {
    (void)err; (void)errcap;
    return new ShaperUnitSim();
}
