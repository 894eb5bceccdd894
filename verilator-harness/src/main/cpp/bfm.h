// Bus-functional models of one director port, independent of Verilator: the harness moves their per-cycle
// decisions into and out of the packed RTL ports. One IngressDriver and one EgressMonitor per port.
#pragma once
#include "director_consts.h"    // generated from the RTL: DIR_FCCL_MASK
#include "director_settings.h"  // generated from director.harness.HarnessSetting: DIR_EGRESS_MODE_*
#include <cstdint>
#include <cstring>
#include <deque>
#include <algorithm>
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

// An IB packet of `len` bytes takes this many 64-byte credit blocks.
inline int64_t creditBlocks(int64_t len) { return (len + 63) / 64; }

// The host side of one ingress link (an HCA): whole frames onto the ingress stream, one FIFO per VL (LRH.VL of
// each frame), credit-based flow control against the switch's advertised FCCL per data VL
// (docs/virtual-lanes.md). At a packet boundary it starts, in round robin over the VLs, the first VL whose head
// frame is due (earliest cycle) and fits the credits; beats go out at line rate, valid and the beat held until
// the RTL takes them (ready). VL15 and VLs the switch does not have are not flow controlled.
class IngressDriver {
public:
    struct Frame { std::vector<uint8_t> bytes; int64_t earliest, id; int vl; };
    struct Done { int64_t id, first, last, len; };

    // `dataVls` 0: a module port (docs/gateway.md): one FIFO, no credits, and `frameOverhead` bytes of wire time
    // per frame (Ethernet: preamble, SFD and inter-frame gap, 20 bytes).
    void init(int beatBytes, int64_t earn, int64_t cost, int dataVls, int frameOverhead = 0) {
        beat_ = beatBytes;
        dataVls_ = dataVls;
        overhead_ = frameOverhead;
        pacer_.init(earn, cost, beatBytes);
    }
    void add(const uint8_t* bytes, int64_t len, int64_t earliest, int64_t id) {
        int vl = dataVls_ == 0 ? 0 : (bytes[0] >> 4) & 0xf;
        queues_[vl].push_back(Frame{std::vector<uint8_t>(bytes, bytes + len), earliest, id, vl});
        queued_++;
    }
    size_t pending() const { return queued_ + (busy_ ? 1 : 0); }
    int currentBeatBytes() const { return out_.valid ? out_.bytes : 0; }
    // The frame being sent, else the oldest-waiting head frame (for the watchdog's message).
    const Frame* current() const {
        if (busy_) return &cur_;
        const Frame* best = nullptr;
        for (auto& q : queues_)
            if (!q.empty() && (!best || q.front().earliest < best->earliest)) best = &q.front();
        return best;
    }
    // The head frame of VL `vl` waited for credits when last tried (for the watchdog's message).
    bool waitsForCredits(int vl) const { return vl < dataVls_ && !queues_[vl].empty() && starved_[vl]; }

    // Testing the testbench: the first frame start at or after `cycle` goes out without its sop flag.
    void breakSopAt(int64_t cycle) { breakAt_ = cycle; }

    // True when this cycle's drive() starts a frame and so reads the switch's FCCL (the caller reads it only then).
    bool startsFrame() const { return !busy_ && queued_ > 0; }
    // Before the clock edge that begins `cycle`: what to drive in it. `fccl` = the switch's advertised FCCL per data VL
    // in that cycle (read only when startsFrame()).
    const BeatOut& drive(int64_t cycle, const uint32_t* fccl) {
        pacer_.tick();
        if (!busy_ && queued_ > 0) start(cycle, fccl);
        if (!out_.valid && busy_) {
            int64_t len = (int64_t)cur_.bytes.size();
            int n = (int)std::min<int64_t>(beat_, len - sent_);
            if (pacer_.canSend(n)) {
                out_.valid = true;
                out_.sop = sent_ == 0;
                if (out_.sop && breakAt_ >= 0 && cycle >= breakAt_) {
                    out_.sop = false;
                    breakAt_ = -1;
                }
                out_.eop = sent_ + n == len;
                out_.bytes = n;
                std::memset(out_.data, 0, sizeof out_.data);
                std::memcpy(out_.data, &cur_.bytes[(size_t)sent_], (size_t)n);
            }
        }
        return out_;
    }
    // After that edge: the switch's ready for the beat driven. Returns true when a beat moved.
    bool sample(bool ready, int64_t cycle, std::vector<Done>& done) {
        if (!(out_.valid && ready)) return false;
        if (sent_ == 0) first_ = cycle;
        sent_ += out_.bytes;
        pacer_.spend(out_.bytes);
        if (out_.eop) {
            done.push_back(Done{cur_.id, first_, cycle, (int64_t)cur_.bytes.size()});
            busy_ = false;
            sent_ = 0;
        }
        out_.valid = false;
        return true;
    }

private:
    void start(int64_t cycle, const uint32_t* fccl) {
        for (int k = 0; k < 16; k++) {
            int v = (rr_ + k) & 15;
            auto& q = queues_[v];
            if (q.empty() || q.front().earliest > cycle) continue;
            int64_t blocks = creditBlocks((int64_t)q.front().bytes.size());
            if (v < dataVls_) {
                starved_[v] = ((fccl[v] - fctbs_[v]) & DIR_FCCL_MASK) < (uint32_t)blocks;
                if (starved_[v]) continue;
                fctbs_[v] = (fctbs_[v] + (uint32_t)blocks) & DIR_FCCL_MASK;
            }
            cur_ = std::move(q.front());
            q.pop_front();
            queued_--;
            busy_ = true;
            sent_ = 0;
            rr_ = (v + 1) & 15;
            if (overhead_ > 0) pacer_.spend(overhead_);
            return;
        }
    }
    int beat_ = 8, dataVls_ = 1, rr_ = 0, overhead_ = 0;
    LinePacer pacer_;
    std::deque<Frame> queues_[16];
    size_t queued_ = 0;
    uint32_t fctbs_[16] = {0};
    bool starved_[16] = {false};
    bool busy_ = false;
    Frame cur_;
    int64_t sent_ = 0, first_ = 0, breakAt_ = -1;
    BeatOut out_;
};

// The link partner of one egress port: per data VL a receive buffer of `blocks` credit blocks that it advertises
// (FCCL = ABR + free, docs/virtual-lanes.md) and consumes at a settable rate; consumed blocks come back as credit
// `delay` (>= 1) cycles later. A packet arriving with more blocks than the buffer has free is a protocol error.
// The switch registers its inputs at its pins (DirectorIO), so the harness drives cycle t's FCCL before the clock
// edge that begins cycle t (tick(t): a credit due by t was consumed by t - 1 at the latest, since delay >= 1), and a
// packet the switch sends in cycle t is received after that edge.
class LinkPartner {
public:
    static constexpr int64_t kImmediate = -1;
    void init(int dataVls, int64_t blocks, int64_t delay) {
        dataVls_ = dataVls;
        blocks_ = blocks;
        delay_ = delay;
        for (int v = 0; v < 16; v++) { fccl_[v] = (uint32_t)(blocks & DIR_FCCL_MASK); held_[v] = 0; rate_[v] = kImmediate; milli_[v] = 0; }
        fcclChanged_ = true;
        returns_.clear();
        consuming_ = 0;
    }
    // Blocks per 1000 cycles VL `vl` consumes: kImmediate (every packet as soon as it is in), 0 (stopped), n > 0.
    void setRate(int vl, int64_t rate) {
        rate_[vl] = rate;
        if (rate != kImmediate) consuming_ |= 1u << vl; else { consuming_ &= ~(1u << vl); consume(vl, held_[vl], now_); }
    }
    // A whole packet arrived. Returns "" or the protocol error.
    std::string receive(const uint8_t* bytes, int64_t len, int64_t cycle) {
        int vl = (bytes[0] >> 4) & 0xf;
        if (vl >= dataVls_) return "";
        int64_t b = creditBlocks(len);
        if (held_[vl] + b > blocks_)
            return "VL " + std::to_string(vl) + ": the switch sent a packet of " + std::to_string(b) + " blocks while the partner had " +
                   std::to_string(blocks_ - held_[vl]) + " blocks of credit (buffer " + std::to_string(blocks_) + " blocks)";
        held_[vl] += b;
        if (rate_[vl] == kImmediate) consume(vl, b, cycle);
        return "";
    }
    // Once a cycle, before its clock edge: consumption at the set rates (after any setRate between batches), and the
    // credits that come due by `cycle` into fccl().
    void tick(int64_t cycle) {
        now_ = cycle;
        for (uint32_t m = consuming_; m; m &= m - 1) {
            int v = __builtin_ctz(m);
            if (rate_[v] <= 0) continue;
            milli_[v] = std::min<int64_t>(milli_[v] + rate_[v], 1000 * blocks_);
            int64_t k = std::min<int64_t>(held_[v], milli_[v] / 1000);
            if (k > 0) { milli_[v] -= 1000 * k; consume(v, k, cycle); }
        }
        while (!returns_.empty() && returns_.front().at <= cycle) {
            const Return& r = returns_.front();
            fccl_[r.vl] = (fccl_[r.vl] + (uint32_t)r.blocks) & DIR_FCCL_MASK;
            fcclChanged_ = true;
            returns_.pop_front();
        }
    }
    const uint32_t* fccl() const { return fccl_; }
    // True once after each change of fccl() (and after init): the caller drives the new values onto the wires.
    bool takeFcclChange() {
        bool c = fcclChanged_;
        fcclChanged_ = false;
        return c;
    }
    int64_t held(int vl) const { return held_[vl]; }
    bool stopped(int vl) const { return rate_[vl] == 0; }

private:
    struct Return { int64_t at; int vl; int64_t blocks; };
    void consume(int vl, int64_t b, int64_t cycle) {
        if (b <= 0) return;
        held_[vl] -= b;
        returns_.push_back(Return{cycle + delay_, vl, b});
    }
    int dataVls_ = 1;
    int64_t blocks_ = 256, delay_ = 64, now_ = 0;
    uint32_t fccl_[16];
    int64_t held_[16], rate_[16], milli_[16];
    uint32_t consuming_ = 0;
    bool fcclChanged_ = true;
    std::deque<Return> returns_;
};

// Collects whole frames from one egress stream, pacing ready at the link partner's line rate, optionally
// with random stalls. The pacing is a transmit buffer of two beats that the wire drains at line rate: ready
// while a whole beat fits, each beat filling it by its own bytes; the wire idles (and that time is lost) only
// when the switch leaves the buffer empty.
class EgressMonitor {
public:
    struct Frame { int64_t len, first, last; std::vector<uint8_t> bytes; };
    enum Mode { LINE = DIR_EGRESS_MODE_LINE, LINE_STALLS = DIR_EGRESS_MODE_LINE_STALLS, UNPACED = DIR_EGRESS_MODE_UNPACED };

    // `frameOverhead`: wire bytes per frame besides its own (DIR_WIRE_OVERHEAD_*), paid when the frame ends.
    void init(int beatBytes, int64_t earn, int64_t cost, int mode, int64_t stallPpm, uint64_t seed, int frameOverhead = 0) {
        beat_ = beatBytes;
        overhead_ = frameOverhead;
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
        if (eop && mode_ != UNPACED && overhead_ > 0) pacer_.spend(overhead_);
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
    int beat_ = 8, overhead_ = 0;
    LinePacer pacer_;
    int mode_ = LINE;
    int64_t stallPpm_ = 0;
    SplitMix rng_;
    bool ready_ = false, inFrame_ = false;
    Frame cur_;
};
