package director.tb.model.sched;

import java.util.Arrays;

/**
 * Cycle model of the iSLIP crossbar scheduler (McKeown, IEEE/ACM ToN 1999) for an N x N
 * switch with 1..4 iterations per cycle. It is the golden model the RTL scheduler is
 * compared with grant by grant, so it follows this specification exactly:
 *
 * <ul>
 *   <li>State: a grant pointer g[j] per output and an accept pointer a[i] per input, all 0
 *       after reset.</li>
 *   <li>Iteration k = 0..iterations-1 considers only the inputs and outputs still unmatched
 *       after the earlier iterations of the cycle.
 *       <b>Request</b>: each unmatched input i requests every unmatched output j with
 *       req[i][j]. <b>Grant</b>: each unmatched output j with requests grants the requesting
 *       input with the smallest (i - g[j]) mod N. <b>Accept</b>: each unmatched input with
 *       grants accepts the granting output with the smallest (j - a[i]) mod N. Accepted
 *       pairs become matched.</li>
 *   <li>Pointers move only for pairs accepted in the first iteration (k = 0):
 *       g[j] = (i + 1) mod N and a[i] = (j + 1) mod N, applied at the end of the cycle; all
 *       iterations of a cycle use the pointers from the start of the cycle.</li>
 * </ul>
 *
 * Not thread-safe.
 */
public final class IslipModel {
    /** Largest supported port count. */
    public static final int MAX_N = 64;
    /** Largest supported iteration count. */
    public static final int MAX_ITERATIONS = 4;

    private final int n;
    private final int iterations;
    private final int[] grantPtr;
    private final int[] acceptPtr;

    /**
     * @param n          ports per side, 1..64
     * @param iterations iSLIP iterations per cycle, 1..4
     * @throws IllegalArgumentException naming the parameter and value when out of range
     */
    public IslipModel(int n, int iterations) {
        if (n < 1 || n > MAX_N) {
            throw new IllegalArgumentException("n = " + n + " out of range 1.." + MAX_N);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException(
                    "iterations = " + iterations + " out of range 1.." + MAX_ITERATIONS);
        }
        this.n = n;
        this.iterations = iterations;
        this.grantPtr = new int[n];
        this.acceptPtr = new int[n];
    }

    /** Number of ports per side. */
    public int n() {
        return n;
    }

    /** Iterations per cycle. */
    public int iterations() {
        return iterations;
    }

    /** Returns all pointers to 0, as after reset. */
    public void reset() {
        Arrays.fill(grantPtr, 0);
        Arrays.fill(acceptPtr, 0);
    }

    /** Grant pointer g[output]. */
    public int grantPointer(int output) {
        return grantPtr[checkPort("output", output)];
    }

    /** Accept pointer a[input]. */
    public int acceptPointer(int input) {
        return acceptPtr[checkPort("input", input)];
    }

    /** Copy of all grant pointers, indexed by output. */
    public int[] grantPointers() {
        return grantPtr.clone();
    }

    /** Copy of all accept pointers, indexed by input. */
    public int[] acceptPointers() {
        return acceptPtr.clone();
    }

    /**
     * Runs one clock cycle.
     *
     * @param req req[i][j] is true when input i requests output j this cycle (N x N)
     * @return match[i] = the output matched to input i, or -1
     * @throws IllegalArgumentException when req is not N x N
     */
    public int[] step(boolean[][] req) {
        checkRequests(req);
        int[] match = new int[n];
        Arrays.fill(match, -1);
        boolean[] outMatched = new boolean[n];
        int[] grantTo = new int[n];
        // pointer updates from iteration 0, applied at the end of the cycle
        int[] firstIterMatch = null;

        for (int k = 0; k < iterations; k++) {
            // Grant: each unmatched output picks the first requesting unmatched input at or
            // after its grant pointer.
            Arrays.fill(grantTo, -1);
            for (int j = 0; j < n; j++) {
                if (outMatched[j]) {
                    continue;
                }
                for (int d = 0; d < n; d++) {
                    int i = (grantPtr[j] + d) % n;
                    if (match[i] < 0 && req[i][j]) {
                        grantTo[j] = i;
                        break;
                    }
                }
            }
            // Accept: each unmatched input picks the first granting output at or after its
            // accept pointer.
            boolean progress = false;
            int[] accepted = new int[n];
            Arrays.fill(accepted, -1);
            for (int i = 0; i < n; i++) {
                if (match[i] >= 0) {
                    continue;
                }
                for (int d = 0; d < n; d++) {
                    int j = (acceptPtr[i] + d) % n;
                    if (grantTo[j] == i) {
                        accepted[i] = j;
                        break;
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                if (accepted[i] >= 0) {
                    match[i] = accepted[i];
                    outMatched[accepted[i]] = true;
                    progress = true;
                }
            }
            if (k == 0) {
                firstIterMatch = accepted;
            }
            if (!progress) {
                break; // nothing changes in later iterations
            }
        }

        if (firstIterMatch != null) {
            for (int i = 0; i < n; i++) {
                int j = firstIterMatch[i];
                if (j >= 0) {
                    grantPtr[j] = (i + 1) % n;
                    acceptPtr[i] = (j + 1) % n;
                }
            }
        }
        return match;
    }

    private void checkRequests(boolean[][] req) {
        if (req == null) {
            throw new IllegalArgumentException("req = null, expected " + n + " x " + n);
        }
        if (req.length != n) {
            throw new IllegalArgumentException(
                    "req has " + req.length + " rows, expected " + n);
        }
        for (int i = 0; i < n; i++) {
            if (req[i] == null || req[i].length != n) {
                throw new IllegalArgumentException("req[" + i + "] has "
                        + (req[i] == null ? "no" : String.valueOf(req[i].length))
                        + " columns, expected " + n);
            }
        }
    }

    private int checkPort(String what, int p) {
        if (p < 0 || p >= n) {
            throw new IllegalArgumentException(what + " = " + p + " out of range 0.." + (n - 1));
        }
        return p;
    }

    @Override
    public String toString() {
        return "IslipModel[n=" + n + " iterations=" + iterations + " g="
                + Arrays.toString(grantPtr) + " a=" + Arrays.toString(acceptPtr) + "]";
    }
}
