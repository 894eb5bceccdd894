// Harness of one host port's vNIC policers alone (top module TwoRatePolicerUnit), for the lockstep unit test.
// Per cycle: in = 4 words: write (valid[0] word[2:1] vnic[10:3]), write data, request (valid[0] bytes[14:1]
// vnic[22:15]), now (see TwoRatePolicerUnit.scala); out = 4 + 3 * UNIT_N words: red[0] colour[2:1], the requesting
// vNIC's committed and peak bucket brought up to date, the seen bits, then each vNIC's stored committed bucket,
// each one's peak bucket, each one's last decision cycle. The outputs are sampled before the clock edge: the
// decision of this cycle and the state the cycle started from.
#include "VTwoRatePolicerUnit.h"
#include "signals.h"
#include "unit_harness.h"

#ifndef UNIT_N
#error "build with -DUNIT_N=<vNICs>"
#endif

class PolicerUnitSim : public UnitHarness<VTwoRatePolicerUnit> {
public:
    PolicerUnitSim() : UnitHarness("TwoRatePolicerUnit", 4, 4 + 3 * UNIT_N) { reset(); }

protected:
    void clearInputs() override {
        top_->write = 0;
        top_->writeData = 0;
        top_->req = 0;
        top_->now = 0;
    }
    void apply(const uint64_t* w) override {
        top_->write = (uint16_t)w[0];
        top_->writeData = w[1];
        top_->req = (uint32_t)w[2];
        top_->now = w[3];
    }
    void sample(uint64_t* out) override {
        out[0] = (uint64_t)top_->red | (uint64_t)top_->colour << 1;
        out[1] = top_->committedNow;
        out[2] = top_->peakNow;
        out[3] = getField(top_->seen, 0, UNIT_N);
        for (int k = 0; k < 3 * UNIT_N; k++) out[4 + k] = getField(top_->state, 64 * k, 64);
    }
};

extern "C" IUnit* policer_unit_create(char* err, int errcap) {
    (void)err; (void)errcap;
    return new PolicerUnitSim();
}
