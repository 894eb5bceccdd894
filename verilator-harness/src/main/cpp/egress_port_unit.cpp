// Harness of the egress port alone (top module EgressPortUnit: egress/EgressPort with its VcrcRegen), for the
// unit test against its rules (EgressPortUnitTest).
// Per cycle: in = 5 words: the crossbar's beat data, ctl (in valid/sop/eop/bytes, out.ready, table and limit
// writes), FCCL words 0..2 (12 bits per data VL); out = 12 words: out data, stat, stat2, arb1, arb2, FCTBS
// words 0..2, lane queue counts words 0..3 (see EgressPortUnit.scala).
// The outputs are sampled before the clock edge: this cycle's handshakes and the state the cycle started from.
#include "VEgressPortUnit.h"
#include "signals.h"
#include "unit_harness.h"

class EgressPortUnitSim : public UnitHarness<VEgressPortUnit> {
public:
    EgressPortUnitSim() : UnitHarness("EgressPortUnit", 5, 12) { reset(); }

protected:
    void clearInputs() override {
        top_->inData = 0;
        top_->ctl = 0;
        for (int k = 0; k < 3; k++) putField(top_->fccl, 64 * k, 64, 0);
    }
    void apply(const uint64_t* w) override {
        top_->inData = w[0];
        top_->ctl = w[1];
        for (int k = 0; k < 3; k++) putField(top_->fccl, 64 * k, 64, w[2 + k]);
    }
    void sample(uint64_t* out) override {
        out[0] = top_->outData;
        out[1] = top_->stat;
        out[2] = top_->stat2;
        out[3] = top_->arb1;
        out[4] = top_->arb2;
        for (int k = 0; k < 3; k++) out[5 + k] = getField(top_->fctbs, 64 * k, 64);
        for (int k = 0; k < 4; k++) out[8 + k] = getField(top_->counts, 64 * k, 64);
    }
};

extern "C" IUnit* egress_port_unit_create(char* err, int errcap) {
    (void)err; (void)errcap;
    return new EgressPortUnitSim();
}
