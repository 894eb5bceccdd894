// Harness of one input buffer alone (top module InputBufferUnit), for the unit test that plays the rest of the
// switch in Java (InputBufferUnitTest). Per cycle: in = 4 words: ctl, data, room0, room1; out = 11 words: status,
// outData, sched, waiting0, waiting1, fccl0, fccl1, fccl2, fcclNext0, fcclNext1, fcclNext2 (layouts in
// InputBufferUnit.scala).
// The outputs are sampled before the clock edge: what the buffer shows in that cycle for those inputs.
#include "VInputBufferUnit.h"
#include "unit_harness.h"

class InputBufferUnitSim : public UnitHarness<VInputBufferUnit> {
public:
    InputBufferUnitSim() : UnitHarness("InputBufferUnit", 4, 11) { reset(); }

protected:
    void clearInputs() override {
        top_->ctl = 0;
        top_->data = 0;
        top_->room0 = 0;
        top_->room1 = 0;
    }
    void apply(const uint64_t* w) override {
        top_->ctl = w[0];
        top_->data = w[1];
        top_->room0 = w[2];
        top_->room1 = w[3];
    }
    void sample(uint64_t* out) override {
        out[0] = top_->status;
        out[1] = top_->outData;
        out[2] = top_->sched;
        out[3] = top_->waiting0;
        out[4] = top_->waiting1;
        out[5] = top_->fccl0;
        out[6] = top_->fccl1;
        out[7] = top_->fccl2;
        out[8] = top_->fcclNext0;
        out[9] = top_->fcclNext1;
        out[10] = top_->fcclNext2;
    }
};

extern "C" IUnit* input_buffer_unit_create(char* err, int errcap) {
    (void)err; (void)errcap;
    return new InputBufferUnitSim();
}
