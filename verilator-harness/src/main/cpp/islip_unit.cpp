// Harness of the iSLIP scheduler alone (top module IslipUnit), for the lockstep unit test.
// Per cycle: in = n + 1 words (word i = request row of input i, word n = iterations), out = n words
// (bit 7 valid, bits 5:0 output), sampled before the clock edge.
#include "VIslipUnit.h"
#include "signals.h"
#include "unit_harness.h"

#ifndef UNIT_N
#error "build with -DUNIT_N=<ports>"
#endif

class IslipUnitSim : public UnitHarness<VIslipUnit> {
public:
    IslipUnitSim() : UnitHarness("IslipUnit", UNIT_N + 1, UNIT_N) { reset(); }

protected:
    void clearInputs() override {
        for (int i = 0; i < UNIT_N; i++) putField(top_->req, i * UNIT_N, UNIT_N, 0);
        top_->iters = 1;
    }
    void apply(const uint64_t* row) override {
        for (int i = 0; i < UNIT_N; i++) putField(top_->req, i * UNIT_N, UNIT_N, row[i]);
        top_->iters = (uint8_t)row[UNIT_N];
    }
    void sample(uint64_t* out) override {
        for (int i = 0; i < UNIT_N; i++) out[i] = getField(top_->inMatch, i * 8, 8);
    }
};

extern "C" IUnit* islip_unit_create(char* err, int errcap) {
    (void)err; (void)errcap;
    return new IslipUnitSim();
}
