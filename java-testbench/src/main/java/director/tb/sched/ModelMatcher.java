package director.tb.sched;

import director.tb.model.sched.IslipModel;

/** The Java iSLIP model ({@link IslipModel}) behind {@link Matcher}. */
public final class ModelMatcher implements Matcher {
    private final IslipModel model;
    private final boolean[][] req;
    private final int n;

    public ModelMatcher(int n, int iterations) {
        this.model = new IslipModel(n, iterations);
        this.req = new boolean[n][n];
        this.n = n;
    }

    @Override
    public int[] match(long[] rows) {
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) req[i][j] = (rows[i] >>> j & 1) != 0;
        return model.step(req);
    }

    @Override
    public void reset() { model.reset(); }
}
