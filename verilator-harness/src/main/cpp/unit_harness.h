// What every unit-level harness shares (islip_unit.cpp, vlarb_unit.cpp, shaper_unit.cpp, policer_unit.cpp,
// egress_port_unit.cpp): the Verilated top in its own context, reset, fault capture and the IUnit calls. A unit
// supplies only how many words go in and out per cycle and how they map onto its ports (`apply` before the clock
// edge, `sample` of the outputs before it).
#pragma once
#include "sim_api.h"
#include "verilated.h"
#include "verilator_hooks.h"
#include <cstdio>
#include <memory>
#include <string>

template <class Top>
class UnitHarness : public IUnit {
public:
    UnitHarness(const char* name, int inWords, int outWords) : name_(name), inWords_(inWords), outWords_(outWords) {
        // (ctx_ and top_ are members of this class; see the note at their declaration)
        ctx_.reset(new VerilatedContext);
        top_.reset(new Top(ctx_.get(), "TOP"));
    }
    ~UnitHarness() override { top_->final(); }

    int reset() override {
        clearInputs();
        top_->reset = 1;
        for (int i = 0; i < 2; i++) { top_->clock = 0; top_->eval(); top_->clock = 1; top_->eval(); }
        top_->reset = 0;
        top_->clock = 0;
        top_->eval();
        return 0;
    }

    int step(const uint64_t* in, int inWords, uint64_t* out, int outWords, int cycles) override {
        if (inWords != inWords_ || outWords != outWords_) {
            error_ = name_ + ": expected " + std::to_string(inWords_) + " words in and " + std::to_string(outWords_) +
                     " out per cycle, got " + std::to_string(inWords) + " and " + std::to_string(outWords);
            return -1;
        }
        try {
            for (int c = 0; c < cycles; c++) {
                apply(in + (size_t)c * inWords_);
                top_->clock = 0;
                top_->eval();
                sample(out + (size_t)c * outWords_);
                top_->clock = 1;
                top_->eval();
            }
        } catch (const ModelFault& f) {
            error_ = name_ + ": model fault: " + f.what();
            return -1;
        }
        return 0;
    }

    int lastError(char* buf, int cap) override {
        if (cap > 0) std::snprintf(buf, (size_t)cap, "%s", error_.c_str());
        return (int)error_.size();
    }

protected:
    virtual void clearInputs() = 0;
    virtual void apply(const uint64_t* in) = 0;
    virtual void sample(uint64_t* out) = 0;
    // the context is declared first so that it outlives the model (members are destroyed in reverse order)
    std::unique_ptr<VerilatedContext> ctx_;
    std::unique_ptr<Top> top_;

private:
    std::string name_;
    int inWords_, outWords_;
    std::string error_;
};
