// The harness of the whole director (top module DirectorTop): one IngressDriver and one EgressMonitor per
// port, a CSR master, a watchdog, model faults as errors, and optional FST waves over a window of cycles.
// Compiled together with the Verilated model into one shared library; see sim_api.h for the interface.
#include "VDirectorTop.h"
#include "bfm.h"
#include "director_consts.h"
#include "director_ports.h"
#include "harness_settings.h"
#include "signals.h"
#include "sim_api.h"
#include "verilated.h"
#include "verilator_hooks.h"
#if VM_TRACE
#include "verilated_fst_c.h"
#include <csignal>
#include <cstdlib>
#include <dlfcn.h>
#include <unistd.h>

// ---- waves that survive a fatal signal ----
// The waves being written (one model traces at a time in a debug run). A fatal signal in the model (SIGSEGV, SIGBUS,
// SIGFPE, SIGILL, SIGABRT) closes them before the process dies, so the file is complete up to that cycle. Only with
// the JVM's signal-chaining library preloaded (scripts/director preloads libjsig.so): the JVM handles its own signals
// first and passes the others on; without it a handler of ours would replace the JVM's, which it needs.
static VerilatedFstC* g_openWaves = nullptr;

static void closeWavesOnSignal(int sig) {
    VerilatedFstC* w = g_openWaves;
    g_openWaves = nullptr;
    if (w) w->close();  // not async-signal-safe, but the process is dying and an unclosed FST is unreadable
    static const char msg[] = "director: the model process was killed by a fatal signal; the waves it was writing are closed\n";
    if (write(2, msg, sizeof msg - 1) < 0) { /* nothing more to do */ }
    // the JVM passed this signal on as not its own; returning would re-run the faulting instruction
    _exit(128 + sig);
}

static bool crashHandlersInstalled() {
    static bool installed = [] {
        if (!dlsym(RTLD_DEFAULT, "JVM_begin_signal_setting")) return false;  // libjsig not preloaded: leave signals alone
        struct sigaction sa {};
        sa.sa_handler = closeWavesOnSignal;
        sigemptyset(&sa.sa_mask);
        for (int s : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) sigaction(s, &sa, nullptr);
        return true;
    }();
    return installed;
}
#endif
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <type_traits>
#include <utility>

#if !defined(DIR_PORTS) || !defined(DIR_DATA_VLS)
#error "build with -DDIR_PORTS=<ports> -DDIR_BEAT_BYTES=<bytes> -DDIR_BYTES_BITS=<width of a bytes field> -DDIR_DATA_VLS=<data VLs>"
#endif
// Ports 0 .. DIR_HOST_PORTS-1 are InfiniBand host ports; the rest are 10GbE module ports (docs/gateway.md).
#ifndef DIR_HOST_PORTS
#define DIR_HOST_PORTS DIR_PORTS
#endif
static inline bool isHostPort(int p) { return p < DIR_HOST_PORTS; }
// wire bytes per frame besides the frame (director.rtl.params.PortKind, through director_consts.h)
#ifdef DIR_PORT_KINDS
static inline int wireOverhead(int p) {
    return DIR_PORT_KINDS[p] == 'F' ? DIR_WIRE_OVERHEAD_FC : DIR_PORT_KINDS[p] == 'E' ? DIR_WIRE_OVERHEAD_ETH : DIR_WIRE_OVERHEAD_IB;
}
#else
static inline int wireOverhead(int p) { return isHostPort(p) ? DIR_WIRE_OVERHEAD_IB : DIR_WIRE_OVERHEAD_ETH; }
#endif

// Each port's signals, bound once by name (director_ports.h lists the ports).
using DataT = std::remove_reference_t<decltype(std::declval<VDirectorTop&>().ingress_0_bits_data)>;
using FcclT = std::remove_reference_t<decltype(std::declval<VDirectorTop&>().fcclIn_0)>;
struct PortSignals {
    CData *inValid, *inReady, *inSop, *inEop, *inBytes;
    DataT* inData;
    CData *outValid, *outReady, *outSop, *outEop, *outBytes;
    DataT* outData;
    FcclT *fcclIn, *fcclOut;  // per data VL v, DIR_FCCL_BITS bits from bit DIR_FCCL_BITS*v: the partner's FCCL in, the switch's out
};

class DirectorSim : public ISim {
public:
    explicit DirectorSim(const int64_t* cfg) {
        for (int i = 0; i < CFG_COUNT; i++) cfg_[i] = cfg[i];
        if (cfg_[CFG_WATCHDOG] <= 0) cfg_[CFG_WATCHDOG] = kSettings[CFG_WATCHDOG].def;
        ctx_.reset(new VerilatedContext);
        ctx_->fatalOnError(false);
        top_.reset(new VDirectorTop(ctx_.get(), "TOP"));
        VDirectorTop* t = top_.get();
#define DIR_BIND(p)                                                                                        \
    port_[p] = PortSignals{&t->ingress_##p##_valid, &t->ingress_##p##_ready, &t->ingress_##p##_bits_sop,     \
                           &t->ingress_##p##_bits_eop, &t->ingress_##p##_bits_bytes, &t->ingress_##p##_bits_data, \
                           &t->egress_##p##_valid, &t->egress_##p##_ready, &t->egress_##p##_bits_sop,       \
                           &t->egress_##p##_bits_eop, &t->egress_##p##_bits_bytes, &t->egress_##p##_bits_data, \
                           &t->fcclIn_##p, &t->fcclOut_##p};
        DIR_FOR_EACH_PORT(DIR_BIND)
#undef DIR_BIND
        if (cfg_[CFG_PARTNER_BLOCKS] <= 0) cfg_[CFG_PARTNER_BLOCKS] = kSettings[CFG_PARTNER_BLOCKS].def;
        if (cfg_[CFG_FC_DELAY] <= 0) cfg_[CFG_FC_DELAY] = kSettings[CFG_FC_DELAY].def;
        periodPs_ = cfg_[CFG_CORE_MHZ] > 0 ? 1000000 / cfg_[CFG_CORE_MHZ] : 4000;
        initPorts();
        if (cfg_[CFG_BREAK_PORT] >= 0 && cfg_[CFG_BREAK_PORT] < DIR_PORTS)
            ing_[cfg_[CFG_BREAK_PORT]].breakSopAt(cfg_[CFG_BREAK_CYCLE]);
        applyReset();
    }

    void initPorts() {
        int64_t earn = cfg_[CFG_LINE_MBPS], cost = 8 * cfg_[CFG_CORE_MHZ];
        for (int p = 0; p < DIR_PORTS; p++) {
            ing_[p] = IngressDriver();
            ing_[p].init(DIR_BEAT_BYTES, earn, cost, isHostPort(p) ? DIR_DATA_VLS : 0, wireOverhead(p));
            eg_[p] = EgressMonitor();
            eg_[p].init(DIR_BEAT_BYTES, earn, cost, (int)cfg_[CFG_EGRESS_MODE], cfg_[CFG_EGRESS_STALL_PPM],
                        (uint64_t)cfg_[CFG_SEED] * 1000003ULL + (uint64_t)p, wireOverhead(p));
            partner_[p].init(DIR_DATA_VLS, cfg_[CFG_PARTNER_BLOCKS], cfg_[CFG_FC_DELAY]);
            inBytes_[p] = outBytes_[p] = 0;
            for (int k = 0; k < METER_COUNT; k++) meter_[p][k] = 0;
            transitRun_[p] = 0;
        }
    }

    int partner(int port, int vl, int64_t rate) override {
        if (port < 0 || port >= DIR_PORTS)
            return fail("partner: port " + std::to_string(port) + " out of range 0.." + std::to_string(DIR_PORTS - 1));
        if (!isHostPort(port))
            return fail("partner: port " + std::to_string(port) + " is a module port (host ports are 0.." +
                        std::to_string(DIR_HOST_PORTS - 1) + "): it has no InfiniBand link partner");
        if (vl < 0 || vl >= DIR_DATA_VLS)
            return fail("partner: port " + std::to_string(port) + ": VL " + std::to_string(vl) + " is not a data VL (0.." +
                        std::to_string(DIR_DATA_VLS - 1) + ")");
        if (rate < -1 || rate > 1000000)
            return fail("partner: port " + std::to_string(port) + " VL " + std::to_string(vl) + ": rate " + std::to_string(rate) +
                        " outside -1 (immediate), 0 (stopped), 1..1000000 blocks per 1000 cycles");
        partner_[port].setRate(vl, rate);
        return 0;
    }

    int reset() override {
        try {
            initPorts();
            inDone_.clear(); inHead_ = 0; egMeta_.clear(); egBytes_.clear(); egHead_ = 0;
            cycle_ = 0; lastMove_ = 0; csrActive_ = false; faulted_ = false; error_.clear();
            g_harness_last_print.clear();
            applyReset();
            return 0;
        } catch (const ModelFault& f) {
            return fault(std::string("model fault during reset: ") + f.what());
        }
    }

    void applyReset() {
        for (int p = 0; p < DIR_PORTS; p++) {
            *port_[p].inValid = 0;
            *port_[p].outReady = 0;
            driveFccl(p);
        }
        top_->csr_req_valid = 0;
        top_->reset = 1;
        top_->clock = 0;
        for (int i = 0; i < 4; i++) { top_->clock = 0; top_->eval(); top_->clock = 1; top_->eval(); }
        // reset stays on for one more edge, cycle 0's (tick): it registers cycle 0's inputs while every other
        // register of the switch takes its reset value, so cycle 0 starts from reset with its inputs in place
    }
    ~DirectorSim() override {
#if VM_TRACE
        if (g_openWaves == tfp_.get()) g_openWaves = nullptr;
        if (tfp_) tfp_->close();
#endif
        top_->final();
    }

    std::string checkIdentity() {
        int64_t id = 0, params = 0;
        if (csr(0, DIR_CSR_ID_ADDR, 0, &id) != 0) return error_;
        if (csr(0, DIR_CSR_PARAMS_ADDR, 0, &params) != 0) return error_;
        if (id != DIR_CSR_ID) return "model ID register reads " + hex(id) + ", expected " + hex(DIR_CSR_ID);
        auto field = [params](int lsb, int width) { return (params >> lsb) & ((1LL << width) - 1); };
        if (field(DIR_CSR_PARAMS_PORTS_LSB, DIR_CSR_PARAMS_PORTS_WIDTH) != DIR_PORTS ||
            field(DIR_CSR_PARAMS_BEAT_BYTES_LSB, DIR_CSR_PARAMS_BEAT_BYTES_WIDTH) != DIR_BEAT_BYTES)
            return "model PARAMS register " + hex(params) + " does not match the harness build (ports " +
                   std::to_string(DIR_PORTS) + ", beat " + std::to_string(DIR_BEAT_BYTES) + ")";
        return "";
    }

    int push(const uint8_t* bytes, const int64_t* meta, int n) override {
        if (faulted_) return fail(error_);
        int64_t off = 0;
        for (int i = 0; i < n; i++) {
            int64_t port = meta[4 * i], len = meta[4 * i + 1], earliest = meta[4 * i + 2], id = meta[4 * i + 3];
            if (port < 0 || port >= DIR_PORTS)
                return fail("push: frame " + std::to_string(i) + " (id " + std::to_string(id) + "): port " +
                            std::to_string(port) + " out of range 0.." + std::to_string(DIR_PORTS - 1));
            if (len < 1 || len > (1 << 20))
                return fail("push: frame " + std::to_string(i) + " (id " + std::to_string(id) + ") on port " +
                            std::to_string(port) + ": length " + std::to_string(len) + " outside 1..1048576");
            if (earliest < 0)
                return fail("push: frame " + std::to_string(i) + ": negative earliest cycle");
            ing_[port].add(bytes + off, len, earliest, id);
            off += len;
        }
        return 0;
    }

    int run(int64_t cycles) override {
        if (faulted_) return fail(error_);
        try {
            for (int64_t c = 0; c < cycles; c++) {
                tick();
                if (faulted_) return -1;
            }
        } catch (const ModelFault& f) {
            return fault(std::string("model fault: ") + f.what() + lastPrinted());
        }
        return 0;
    }

    int popEgress(uint8_t* buf, int64_t cap, int64_t* meta, int max) override {
        int n = 0;
        int64_t off = 0;
        while (egHead_ < egMeta_.size() && n < max) {
            const EgMeta& m = egMeta_[egHead_];
            if (off + m.len > cap) {
                if (n == 0) return fail("popEgress: buffer of " + std::to_string(cap) + " bytes cannot hold a frame of " +
                                        std::to_string(m.len));
                break;
            }
            std::memcpy(buf + off, &egBytes_[m.off], (size_t)m.len);
            meta[4 * n] = m.port; meta[4 * n + 1] = m.len; meta[4 * n + 2] = m.first; meta[4 * n + 3] = m.last;
            off += m.len;
            n++;
            egHead_++;
        }
        if (egHead_ == egMeta_.size()) { egMeta_.clear(); egBytes_.clear(); egHead_ = 0; }
        return n;
    }

    int popIngress(int64_t* meta, int max) override {
        int n = 0;
        while (inHead_ < inDone_.size() && n < max) {
            const InDone& d = inDone_[inHead_++];
            meta[5 * n] = d.port; meta[5 * n + 1] = d.id; meta[5 * n + 2] = d.first; meta[5 * n + 3] = d.last; meta[5 * n + 4] = d.len;
            n++;
        }
        if (inHead_ == inDone_.size()) { inDone_.clear(); inHead_ = 0; }
        return n;
    }

    // One CSR access: a burst of one (csrBurst), two cycles.
    int csr(int write, int64_t addr, int64_t wdata, int64_t* rdata) override {
        if (faulted_) return fail(error_);
        int64_t value = 0;
        int8_t err = 0;
        burst_ = Burst{&addr, write != 0, &wdata, &value, &err, 1, 0, 0};
        if (csrBurst(100000, "CSR access") < 0) return -1;
        if (burst_.answered < 1) return fault("CSR access to " + hex(addr) + " got no response in 100000 cycles");
        if (rdata) *rdata = value;
        return err ? 1 : 0;
    }

    // A burst of CSR reads, one request a cycle (the CSR block takes one a cycle and answers in the next): n reads in
    // n + 1 cycles instead of 2n. err[i] is 1 where the block answered address i with an error response.
    int csrReads(const int64_t* addrs, int n, int64_t* rdata, int8_t* err) override {
        if (faulted_) return fail(error_);
        if (n <= 0) return 0;
        burst_ = Burst{addrs, false, nullptr, rdata, err, n, 0, 0};
        const int64_t limit = 100000 + 2 * (int64_t)n;
        if (csrBurst(limit, "CSR reads") < 0) return -1;
        if (burst_.answered < n)
            return fault("CSR read burst: " + std::to_string(burst_.answered) + " of " + std::to_string(n) + " reads answered in " +
                         std::to_string(limit) + " cycles (the read of " + hex(addrs[burst_.answered]) + " got no response)");
        return 0;
    }

    int status(int64_t* out, int n) override {
        int64_t pending = 0, partial = 0;
        for (int p = 0; p < DIR_PORTS; p++) {
            pending += (int64_t)ing_[p].pending();
            partial += eg_[p].inFrame() ? 1 : 0;
        }
        int64_t v[ST_COUNT] = {cycle_, pending, (int64_t)top_->idle, partial, faulted_ ? 1 : 0, DIR_PORTS,
                               DIR_BEAT_BYTES};
        for (int i = 0; i < n && i < ST_COUNT; i++) out[i] = v[i];
        return ST_COUNT;
    }

    int portBytes(int64_t* out, int n) override {
        for (int p = 0; p < DIR_PORTS && 2 * p + 1 < n; p++) {
            out[2 * p] = inBytes_[p];
            out[2 * p + 1] = outBytes_[p];
        }
        return 2 * DIR_PORTS;
    }

    int meters(int64_t* out, int n) override {
        for (int p = 0; p < DIR_PORTS; p++)
            for (int k = 0; k < METER_COUNT; k++) {
                int i = p * METER_COUNT + k;
                if (i >= n) return METER_COUNT * DIR_PORTS;
                out[i] = meter_[p][k] + (k == M_IN_WIRE ? inBytes_[p] : k == M_OUT_WIRE ? outBytes_[p] : 0);
            }
        return METER_COUNT * DIR_PORTS;
    }

    int lastError(char* buf, int cap) override {
        if (cap > 0) std::snprintf(buf, (size_t)cap, "%s", error_.c_str());
        return (int)error_.size();
    }

    int waves(const char* path, int64_t from, int64_t to) override {
#if VM_TRACE
        wavePath_ = path;
        waveFrom_ = from;
        waveTo_ = to;
        return 0;
#else
        (void)path; (void)from; (void)to;
        return fail("this model library was built without tracing; build the tracing variant to record waves");
#endif
    }

    int coverage(const char* path) override {
#if VM_COVERAGE
        ctx_->coveragep()->write(path);
        return 0;
#else
        (void)path;
        return fail("this model library was built without coverage; build the coverage variant (--coverage) to count cover points");
#endif
    }

private:
    struct EgMeta { int64_t port, len, first, last, off; };
    int64_t meter_[DIR_PORTS][METER_COUNT];
    int64_t transitRun_[DIR_PORTS];
    struct InDone { int64_t port, id, first, last, len; };

    static std::string hex(int64_t v) {
        std::ostringstream s;
        s << "0x" << std::hex << v;
        return s.str();
    }
    std::string lastPrinted() {
        std::string s = g_harness_last_print;
        g_harness_last_print.clear();
        while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
        return s.empty() ? "" : " | model printed: " + s;
    }
    int fail(const std::string& msg) {
        error_ = msg;
        return -1;
    }
    int fault(const std::string& msg) {
        faulted_ = true;
        error_ = "cycle " + std::to_string(cycle_) + ", seed " + std::to_string(cfg_[CFG_SEED]) + ": " + msg;
#if VM_TRACE
        // the model stops here: close the waves now so the file is complete and readable up to the fault
        if (tfp_) {
            if (g_openWaves == tfp_.get()) g_openWaves = nullptr;
            tfp_->dump((uint64_t)(cycle_ * periodPs_));
            tfp_->close();
            tfp_.reset();
            wavePath_.clear();
        }
#endif
        return -1;
    }

    // Work conservation: each egress link that could take a beat and got none, classified (SimMeter).
    void meterIdle(uint64_t outReady) {
        uint64_t work = (uint64_t)top_->wcWork, transit = (uint64_t)top_->wcTransit, freeWork = (uint64_t)top_->wcFreeWork;
        for (int p = 0; p < DIR_PORTS; p++) {
            bool inTransit = false;
            if (((outReady >> p) & 1) && !*port_[p].outValid) {
                int64_t* m = meter_[p];
                m[M_IDLE]++;
                if ((work >> p) & 1) {
                    m[M_IDLE_WORK]++;
                    if ((transit >> p) & 1) {
                        inTransit = true;
                        m[M_IDLE_TRANSIT]++;
                        m[M_TRANSIT_MAX_RUN] = std::max(m[M_TRANSIT_MAX_RUN], ++transitRun_[p]);
                    } else if (!((freeWork >> p) & 1)) m[M_IDLE_INPUTS_BUSY]++;
                    else m[M_IDLE_UNEXPLAINED]++;
                }
            }
            if (!inTransit) transitRun_[p] = 0;
        }
    }

    // Runs the accesses of burst_ (tick drives them, a request a cycle while the CSR block is ready, and collects the
    // answers in order) until every one is answered or `limit` cycles have passed. -1 on a model fault ("model fault
    // during <what>: ..."), else 0; the caller reads burst_.answered.
    int csrBurst(int64_t limit, const char* what) {
        csrActive_ = true;
        try {
            for (int64_t i = 0; i < limit && burst_.answered < burst_.n && !faulted_; i++) tick();
        } catch (const ModelFault& f) {
            csrActive_ = false;
            return fault(std::string("model fault during ") + what + ": " + f.what() + lastPrinted());
        }
        csrActive_ = false;
        return faulted_ ? -1 : 0;
    }

    // One cycle. The switch registers every input at its pins (DirectorIO): the inputs of cycle t are driven before
    // the clock edge that begins it, and the switch's answers in cycle t (ready, the beats it sends, its status) are
    // read after that edge, so each handshake is decided in the cycle whose edge registered it.
    void tick() {
        // ---- drive this cycle's inputs ----
        uint64_t valid = 0, outReady = 0;
        for (int p = 0; p < DIR_PORTS; p++) {
            partner_[p].tick(cycle_);
            driveFccl(p);
            uint32_t fccl[16] = {0};
            // the switch's FCCL for this cycle (fcclOut: the next cycle's, as of the cycle before)
            if (ing_[p].startsFrame())
                for (int v = 0; v < DIR_DATA_VLS; v++) fccl[v] = (uint32_t)getField(*port_[p].fcclOut, DIR_FCCL_BITS * v, DIR_FCCL_BITS);
            const BeatOut& b = ing_[p].drive(cycle_, fccl);
            PortSignals& s = port_[p];
            *s.inValid = b.valid;
            if (b.valid) {
                valid |= 1ULL << p;
                *s.inSop = b.sop;
                *s.inEop = b.eop;
                *s.inBytes = (CData)b.bytes;
                putBeat(*s.inData, DIR_BEAT_BYTES, b.data);
            }
            bool r = eg_[p].ready();
            *s.outReady = r;
            if (r) outReady |= 1ULL << p;
        }
        // the CSR request pins: the burst's next access, else the last one driven (held, as a bus master would)
        const bool request = csrActive_ && burst_.sent < burst_.n;
        if (request) {
            csrWrite_ = burst_.write;
            csrAddr_ = burst_.addrs[burst_.sent];
            csrWdata_ = burst_.wdata ? burst_.wdata[burst_.sent] : 0;
        }
        top_->csr_req_valid = request;
        top_->csr_req_bits_write = csrWrite_;
        top_->csr_req_bits_addr = (uint32_t)csrAddr_;
        top_->csr_req_bits_wdata = (uint64_t)csrWdata_;
        // ---- the clock edge that begins this cycle ----
        top_->clock = 0;
        top_->eval();
#if VM_TRACE
        traceDump(0);
#endif
        top_->clock = 1;
        top_->eval();
        if (top_->reset) top_->reset = 0;  // cycle 0's edge was the last of the reset (applyReset)
#if VM_TRACE
        traceDump(1);
#endif
        // ---- sample this cycle's handshakes ----
        bool moved = false;
        for (int p = 0; valid >> p; p++) {
            if ((valid >> p) & 1) {
                size_t before = inDoneTmp_.size();
                int beatBytes = ing_[p].currentBeatBytes();
                if (ing_[p].sample(*port_[p].inReady, cycle_, inDoneTmp_)) {
                    moved = true;
                    inBytes_[p] += beatBytes;
                }
                for (size_t k = before; k < inDoneTmp_.size(); k++) {
                    meter_[p][M_IN_FRAMES]++;
                    meter_[p][M_IN_WIRE] += wireOverhead(p);
                }
                for (size_t k = before; k < inDoneTmp_.size(); k++)
                    inDone_.push_back(InDone{p, inDoneTmp_[k].id, inDoneTmp_[k].first, inDoneTmp_[k].last, inDoneTmp_[k].len});
                inDoneTmp_.clear();
            }
        }
        for (int p = 0; outReady >> p; p++) {
            const PortSignals& ps = port_[p];
            if (!((outReady >> p) & 1) || !*ps.outValid) continue;
            moved = true;
            uint8_t data[64];
            getBeat(*ps.outData, DIR_BEAT_BYTES, data);
            int bytes = (int)*ps.outBytes;
            outBytes_[p] += bytes;
            bool s = *ps.outSop, e = *ps.outEop;
            std::string perr;
            EgressMonitor::Frame* done = nullptr;
            eg_[p].take(s, e, bytes, data, cycle_, perr, done);
            if (!perr.empty()) {
                fault("egress port " + std::to_string(p) + ": " + perr);
                return;
            }
            if (done) {
                meter_[p][M_OUT_FRAMES]++;
                meter_[p][M_OUT_WIRE] += wireOverhead(p);
                std::string cerr = isHostPort(p) ? partner_[p].receive(done->bytes.data(), done->len, cycle_) : "";
                if (!cerr.empty()) {
                    fault("egress port " + std::to_string(p) + ", credit flow control: " + cerr);
                    return;
                }
                egMeta_.push_back(EgMeta{p, done->len, done->first, done->last, (int64_t)egBytes_.size()});
                egBytes_.insert(egBytes_.end(), done->bytes.begin(), done->bytes.end());
            }
        }
        meterIdle(outReady);
        if (csrActive_) {
            // a response answers the oldest request taken in an earlier cycle; then this cycle's request, if taken
            if (top_->csr_resp_valid && burst_.answered < burst_.sent) {
                burst_.rdata[burst_.answered] = (int64_t)top_->csr_resp_bits_rdata;
                burst_.err[burst_.answered] = top_->csr_resp_bits_err ? 1 : 0;
                burst_.answered++;
            }
            if (request && top_->csr_req_ready) burst_.sent++;
        }
        cycle_++;
        // ---- watchdog ----
        if (moved) lastMove_ = cycle_;
        else if (cycle_ - lastMove_ > cfg_[CFG_WATCHDOG]) {
            std::string why = watchdogReason();
            if (!why.empty()) fault("watchdog: no beat moved for " + std::to_string(cfg_[CFG_WATCHDOG]) + " cycles; " + why);
            else lastMove_ = cycle_;
        }
    }

    // The partner's FCCL onto the wires when it changed (a credit return; it holds its value in between).
    void driveFccl(int p) {
        if (!partner_[p].takeFcclChange()) return;
        const uint32_t* f = partner_[p].fccl();
        for (int v = 0; v < DIR_DATA_VLS; v++) putField(*port_[p].fcclIn, DIR_FCCL_BITS * v, DIR_FCCL_BITS, f[v]);
    }

    std::string watchdogReason() {
        std::ostringstream s;
        bool any = false;
        for (int p = 0; p < DIR_PORTS; p++) {
            if (const IngressDriver::Frame* f = ing_[p].current()) {
                if (f->earliest > cycle_) continue;  // waiting for its time, not stuck
                s << (any ? "; " : "") << "ingress port " << p << " holds " << ing_[p].pending()
                  << " frame(s), the first (id " << f->id << ", " << f->bytes.size() << " bytes"
                  << (isHostPort(p) ? ", VL " + std::to_string(f->vl) : std::string(", module port")) << ") not taken"
                  << (ing_[p].waitsForCredits(f->vl) ? " (no credits from the switch on its VL)" : "");
                any = true;
            }
            for (int v = 0; v < DIR_DATA_VLS; v++)
                if (partner_[p].held(v) > 0 && partner_[p].stopped(v)) {
                    s << (any ? "; " : "") << "egress port " << p << " VL " << v << ": the link partner consumes nothing and holds "
                      << partner_[p].held(v) << " blocks";
                    any = true;
                }
        }
        if (!top_->idle) {
            s << (any ? "; " : "") << "packets inside the switch are not moving";
            any = true;
        }
        return any ? s.str() : "";
    }

#if VM_TRACE
    void traceDump(int phase) {
        if (wavePath_.empty()) return;
        if (!tfp_ && cycle_ >= waveFrom_ && cycle_ <= waveTo_) {
            ctx_->traceEverOn(true);
            tfp_.reset(new VerilatedFstC);
            top_->trace(tfp_.get(), 99);
            tfp_->open(wavePath_.c_str());
            if (crashHandlersInstalled()) g_openWaves = tfp_.get();
            // a test of the above: DIRECTOR_TEST_SIGNAL_AT_CYCLE=N raises SIGSEGV at model cycle N while waves are on
            if (const char* at = std::getenv("DIRECTOR_TEST_SIGNAL_AT_CYCLE")) signalAt_ = std::atoll(at);
        }
        if (tfp_ && cycle_ == signalAt_ && phase == 1) std::raise(SIGSEGV);
        if (tfp_) {
            tfp_->dump((uint64_t)(cycle_ * periodPs_ + phase * (periodPs_ / 2)));
            if (phase == 1 && cycle_ >= waveTo_) {
                if (g_openWaves == tfp_.get()) g_openWaves = nullptr;
                tfp_->close();
                tfp_.reset();
                wavePath_.clear();
            }
        }
    }
    std::unique_ptr<VerilatedFstC> tfp_;
    int64_t signalAt_ = -1;
    std::string wavePath_;
    int64_t waveFrom_ = 0, waveTo_ = -1;
#endif

    int64_t cfg_[CFG_COUNT];
    std::unique_ptr<VerilatedContext> ctx_;
    std::unique_ptr<VDirectorTop> top_;
    PortSignals port_[DIR_PORTS];
    IngressDriver ing_[DIR_PORTS];
    int64_t inBytes_[DIR_PORTS] = {0}, outBytes_[DIR_PORTS] = {0};
    EgressMonitor eg_[DIR_PORTS];
    LinkPartner partner_[DIR_PORTS];
    std::vector<IngressDriver::Done> inDoneTmp_;
    std::vector<InDone> inDone_;
    size_t inHead_ = 0;
    std::vector<EgMeta> egMeta_;
    std::vector<uint8_t> egBytes_;
    size_t egHead_ = 0;
    int64_t cycle_ = 0, lastMove_ = 0, periodPs_ = 4000;
    // The CSR accesses in progress (csr: one; csrReads: a burst of reads), driven and answered by tick.
    struct Burst {
        const int64_t* addrs = nullptr;
        bool write = false;
        const int64_t* wdata = nullptr;  // with write: a value per access
        int64_t* rdata = nullptr;
        int8_t* err = nullptr;
        int n = 0, sent = 0, answered = 0;  // accesses, requests taken, responses seen
    } burst_;
    bool csrActive_ = false;
    // The CSR request pins as last driven.
    bool csrWrite_ = false;
    int64_t csrAddr_ = 0, csrWdata_ = 0;
    bool faulted_ = false;
    std::string error_;
};

extern "C" ISim* dir_model_create(const char* settings, char* err, int errcap) {
    try {
        int64_t cfg[CFG_COUNT];
        std::string bad = parseSettings(settings, cfg);
        if (!bad.empty()) {
            if (err && errcap > 0) std::snprintf(err, (size_t)errcap, "%s", bad.c_str());
            return nullptr;
        }
        DirectorSim* s = new DirectorSim(cfg);
        bad = s->checkIdentity();
        if (!bad.empty()) {
            if (err && errcap > 0) std::snprintf(err, (size_t)errcap, "%s", bad.c_str());
            delete s;
            return nullptr;
        }
        return s;
    } catch (const std::exception& e) {
        if (err && errcap > 0) std::snprintf(err, (size_t)errcap, "model creation failed: %s", e.what());
        return nullptr;
    }
}
