// Harness of the VL arbiter alone (top module VlArbUnit), for the lockstep unit test.
// Per cycle: in = 6 words: ctl (has | fits << 16 | decide << 32), bytes[0..3] (16 bits per VL, VL0 lowest),
// write (see VlArbUnit.scala); out = 2 words: out0, out1 (grant and state, see VlArbUnit.scala).
// The outputs are sampled before the clock edge: the grant of that cycle and the state it started from.
#include "VVlArbUnit.h"
#include "signals.h"
#include "sim_api.h"
#include "verilated.h"
#include "verilator_hooks.h"
#include <cstdio>
#include <memory>
#include <string>

class VlArbUnitSim : public IUnit {
public:
    VlArbUnitSim() {
        ctx_.reset(new VerilatedContext);
        top_.reset(new VVlArbUnit(ctx_.get(), "TOP"));
        reset();
    }
    ~VlArbUnitSim() override { top_->final(); }
    int reset() override {
        top_->ctl = 0;
        top_->write = 0;
        top_->reset = 1;
        for (int i = 0; i < 2; i++) { top_->clock = 0; top_->eval(); top_->clock = 1; top_->eval(); }
        top_->reset = 0;
        top_->clock = 0;
        top_->eval();
        return 0;
    }
    int step(const uint64_t* in, int inWords, uint64_t* out, int outWords, int cycles) override {
        if (inWords != 6 || outWords != 2) {
            error_ = "VlArbUnit: expected 6 words in and 2 out per cycle, got " + std::to_string(inWords) + " and " +
                     std::to_string(outWords);
            return -1;
        }
        try {
            for (int c = 0; c < cycles; c++) {
                const uint64_t* w = in + (size_t)c * 6;
                top_->ctl = w[0];
                for (int k = 0; k < 4; k++) putField(top_->bytes, 64 * k, 64, w[1 + k]);
                top_->write = (uint32_t)w[5];
                top_->clock = 0;
                top_->eval();
                out[(size_t)c * 2] = top_->out0;
                out[(size_t)c * 2 + 1] = top_->out1;
                top_->clock = 1;
                top_->eval();
            }
        } catch (const ModelFault& f) {
            error_ = std::string("model fault: ") + f.what();
            return -1;
        }
        return 0;
    }
    int lastError(char* buf, int cap) override {
        if (cap > 0) std::snprintf(buf, (size_t)cap, "%s", error_.c_str());
        return (int)error_.size();
    }

private:
    std::unique_ptr<VerilatedContext> ctx_;
    std::unique_ptr<VVlArbUnit> top_;
    std::string error_;
};

extern "C" IUnit* vlarb_unit_create(char* err, int errcap) {
    (void)err; (void)errcap;
    return new VlArbUnitSim();
}
