// Harness of the iSLIP scheduler alone (top module IslipUnit), for the lockstep unit test.
// Per cycle: in = n + 1 words (word i = request row of input i, word n = iterations), out = n words
// (bit 7 valid, bits 5:0 output).
#include "VIslipUnit.h"
#include "signals.h"
#include "sim_api.h"
#include "verilated.h"
#include "verilator_hooks.h"
#include <cstdio>
#include <memory>
#include <string>

#ifndef UNIT_N
#error "build with -DUNIT_N=<ports>"
#endif

class IslipUnitSim : public IUnit {
public:
    IslipUnitSim() {
        ctx_.reset(new VerilatedContext);
        top_.reset(new VIslipUnit(ctx_.get(), "TOP"));
        reset();
    }
    ~IslipUnitSim() override { top_->final(); }
    int reset() override {
        top_->reset = 1;
        for (int i = 0; i < 2; i++) { top_->clock = 0; top_->eval(); top_->clock = 1; top_->eval(); }
        top_->reset = 0;
        top_->clock = 0;
        top_->eval();
        return 0;
    }
    int step(const uint64_t* in, int inWords, uint64_t* out, int outWords, int cycles) override {
        if (inWords != UNIT_N + 1 || outWords != UNIT_N) {
            error_ = "IslipUnit: expected " + std::to_string(UNIT_N + 1) + " words in and " + std::to_string(UNIT_N) + " out per cycle, got " +
                     std::to_string(inWords) + " and " + std::to_string(outWords);
            return -1;
        }
        try {
            for (int c = 0; c < cycles; c++) {
                const uint64_t* row = in + (size_t)c * (UNIT_N + 1);
                for (int i = 0; i < UNIT_N; i++) putField(top_->req, i * UNIT_N, UNIT_N, row[i]);
                top_->iters = (uint8_t)row[UNIT_N];
                top_->clock = 0;
                top_->eval();
                for (int i = 0; i < UNIT_N; i++) out[c * UNIT_N + i] = getField(top_->inMatch, i * 8, 8);
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
    std::unique_ptr<VIslipUnit> top_;
    std::string error_;
};

extern "C" IUnit* islip_unit_create(char* err, int errcap) {
    (void)err; (void)errcap;
    return new IslipUnitSim();
}
