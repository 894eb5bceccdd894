// Bus-functional models of one director port, independent of Verilator: the harness moves their per-cycle
// decisions into and out of the packed RTL ports. One IngressDriver and one EgressMonitor per port.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

// Pacing at a line rate given as a ratio: every cycle earns `earn` credits, every byte costs `cost`.
// Credits are capped so that a source that was held back does not burst above line rate afterwards.
struct LinePacer {
    int64_t earn = 1, cost = 1, cap = 1, credits = 0;
    void init(int64_t earnPerCycle, int64_t costPerByte, int beatBytes) {
        earn = earnPerCycle;
        cost = costPerByte;
        cap = 2 * cost * beatBytes;
        credits = 0;
    }
    void tick() { credits = credits + earn > cap ? cap : credits + earn; }
    bool canSend(int bytes) const { return credits >= cost * bytes; }
    void spend(int bytes) { credits -= cost * bytes; }
};

// A tiny deterministic generator (splitmix64) so that the same seed gives the same stalls everywhere.
struct SplitMix {
    uint64_t s;
    explicit SplitMix(uint64_t seed = 0) : s(seed) {}
    uint64_t next() {
        uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
};

struct BeatOut {
    bool valid = false, sop = false, eop = false;
    int bytes = 0;
    uint8_t data[64];
};

// Drives whole frames onto one ingress stream: a frame starts no earlier than its earliest cycle, beats go
// out at line rate, valid and the beat are held until the RTL takes them (ready).
class IngressDriver {
public:
    struct Frame { int64_t off, len, earliest, id; };
    struct Done { int64_t id, first, last, len; };

    void init(int beatBytes, int64_t earn, int64_t cost) {
        beat_ = beatBytes;
        pacer_.init(earn, cost, beatBytes);
    }
    void add(const uint8_t* bytes, int64_t len, int64_t earliest, int64_t id) {
        compact();
        frames_.push_back(Frame{(int64_t)arena_.size(), len, earliest, id});
        arena_.insert(arena_.end(), bytes, bytes + len);
    }
    size_t pending() const { return frames_.size() - head_; }
    int currentBeatBytes() const { return out_.valid ? out_.bytes : 0; }
    const Frame* current() const { return head_ < frames_.size() ? &frames_[head_] : nullptr; }

    // Testing the testbench: the first frame start at or after `cycle` goes out without its sop flag.
    void breakSopAt(int64_t cycle) { breakAt_ = cycle; }

    // Before the clock edge: what to drive this cycle.
    const BeatOut& drive(int64_t cycle) {
        pacer_.tick();
        if (!out_.valid && head_ < frames_.size()) {
            const Frame& f = frames_[head_];
            int n = (int)std::min<int64_t>(beat_, f.len - sent_);
            if (cycle >= f.earliest && pacer_.canSend(n)) {
                out_.valid = true;
                out_.sop = sent_ == 0;
                if (out_.sop && breakAt_ >= 0 && cycle >= breakAt_) {
                    out_.sop = false;
                    breakAt_ = -1;
                }
                out_.eop = sent_ + n == f.len;
                out_.bytes = n;
                std::memset(out_.data, 0, sizeof out_.data);
                std::memcpy(out_.data, &arena_[f.off + sent_], (size_t)n);
            }
        }
        return out_;
    }
    // After evaluation: the RTL's ready for this cycle. Returns true when a beat moved.
    bool sample(bool ready, int64_t cycle, std::vector<Done>& done) {
        if (!(out_.valid && ready)) return false;
        Frame& f = frames_[head_];
        if (sent_ == 0) first_ = cycle;
        sent_ += out_.bytes;
        pacer_.spend(out_.bytes);
        if (out_.eop) {
            done.push_back(Done{f.id, first_, cycle, f.len});
            head_++;
            sent_ = 0;
        }
        out_.valid = false;
        return true;
    }

private:
    void compact() {
        if (head_ > 0 && head_ * 2 >= frames_.size() && !out_.valid && sent_ == 0) {
            int64_t base = head_ < frames_.size() ? frames_[head_].off : (int64_t)arena_.size();
            arena_.erase(arena_.begin(), arena_.begin() + base);
            frames_.erase(frames_.begin(), frames_.begin() + (long)head_);
            for (auto& f : frames_) f.off -= base;
            head_ = 0;
        }
    }
    int beat_ = 8;
    LinePacer pacer_;
    std::vector<uint8_t> arena_;
    std::vector<Frame> frames_;
    size_t head_ = 0;
    int64_t sent_ = 0, first_ = 0, breakAt_ = -1;
    BeatOut out_;
};

// Collects whole frames from one egress stream, pacing ready at the link partner's line rate, optionally
// with random stalls.
class EgressMonitor {
public:
    struct Frame { int64_t len, first, last; std::vector<uint8_t> bytes; };
    enum Mode { LINE = 0, LINE_STALLS = 1, UNPACED = 2 };

    void init(int beatBytes, int64_t earn, int64_t cost, int mode, int64_t stallPpm, uint64_t seed) {
        beat_ = beatBytes;
        pacer_.init(earn, cost, beatBytes);
        mode_ = mode;
        stallPpm_ = stallPpm;
        rng_ = SplitMix(seed);
    }
    bool ready() {
        pacer_.tick();
        if (mode_ == UNPACED) return ready_ = true;
        ready_ = pacer_.canSend(beat_);
        if (ready_ && mode_ == LINE_STALLS && (int64_t)(rng_.next() % 1000000) < stallPpm_) ready_ = false;
        return ready_;
    }
    // After evaluation, when valid && ready: take the beat. Returns a finished frame through `done`.
    bool take(bool sop, bool eop, int bytes, const uint8_t* data, int64_t cycle, std::string& protoErr,
              Frame*& done) {
        done = nullptr;
        if (sop != !inFrame_) {
            protoErr = sop ? "sop in the middle of a frame" : "first beat of a frame without sop";
        }
        if (bytes < 1 || bytes > beat_ || (!eop && bytes != beat_)) {
            protoErr = "beat with " + std::to_string(bytes) + " valid bytes" + (eop ? "" : " before eop");
        }
        if (!inFrame_) {
            cur_.bytes.clear();
            cur_.first = cycle;
            inFrame_ = true;
        }
        cur_.bytes.insert(cur_.bytes.end(), data, data + bytes);
        if (mode_ != UNPACED) pacer_.spend(bytes);
        if (eop) {
            cur_.last = cycle;
            cur_.len = (int64_t)cur_.bytes.size();
            inFrame_ = false;
            done = &cur_;
        }
        return true;
    }
    bool inFrame() const { return inFrame_; }

private:
    int beat_ = 8;
    LinePacer pacer_;
    int mode_ = LINE;
    int64_t stallPpm_ = 0;
    SplitMix rng_;
    bool ready_ = false, inFrame_ = false;
    Frame cur_;
};
