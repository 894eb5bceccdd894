// Harness of the VL arbiter alone (top module VlArbUnit), for the lockstep unit test.
// Per cycle: in = 6 words: ctl (has | fits << 16 | decide << 32), bytes[0..3] (16 bits per VL, VL0 lowest),
// write (see VlArbUnit.scala); out = 2 words: out0, out1 (grant and state, see VlArbUnit.scala).
// The outputs are sampled before the clock edge: the grant of that cycle and the state it started from.
#include "VVlArbUnit.h"
#include "signals.h"
#include "unit_harness.h"

class VlArbUnitSim : public UnitHarness<VVlArbUnit> {
public:
    VlArbUnitSim() : UnitHarness("VlArbUnit", 6, 2) { reset(); }

protected:
    void clearInputs() override {
        top_->ctl = 0;
        top_->write = 0;
    }
    void apply(const uint64_t* w) override {
        top_->ctl = w[0];
        for (int k = 0; k < 4; k++) putField(top_->bytes, 64 * k, 64, w[1 + k]);
        top_->write = (uint32_t)w[5];
    }
    void sample(uint64_t* out) override {
        out[0] = top_->out0;
        out[1] = top_->out1;
    }
};

extern "C" IUnit* vlarb_unit_create(char* err, int errcap) {
    (void)err; (void)errcap;
    return new VlArbUnitSim();
}
