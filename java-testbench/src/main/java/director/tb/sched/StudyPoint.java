package director.tb.sched;

/**
 * What one (load, iterations) point of the study measured. Delays in slots (a cell that finds the switch idle
 * counts 1, see {@link CellSwitch}); the window is {@code slots} slots after {@code warmup}; the measured cells are
 * those that arrived inside it, followed until they left.
 *
 * @param arrivals        cells that arrived inside the window (all inputs)
 * @param departures      cells that left inside the window (whenever they arrived)
 * @param measuredCells   cells whose delay is in the means (= arrivals: the run drains them all)
 * @param rtlMeanDelay    mean delay with the RTL scheduler's matchings driving the switch
 * @param modelMeanDelay  mean delay with the Java model's matchings driving its own copy of the switch
 * @param oqSimMeanDelay  mean delay of an ideal output-queued switch fed the same arrivals
 * @param oqFormulaDelay  the closed form for the output-queued switch ({@link OutputQueued#meanDelay})
 * @param slotsRun        slots simulated: warm-up, window and the drain of the measured cells
 * @param lockstepSlots   slots in which the RTL and the model were given the same requests and matched alike
 */
public record StudyPoint(int ports, int iterations, double load, long slots, long warmup, long pointSeed,
                         long arrivals, long departures, long measuredCells,
                         double rtlMeanDelay, double rtlCi95, long rtlMaxDelay,
                         double modelMeanDelay, double modelCi95,
                         double oqSimMeanDelay, double oqFormulaDelay,
                         long slotsRun, long lockstepSlots, double seconds) {

    /** Offered load measured: arrivals per input per slot inside the window. */
    public double offered() { return (double) arrivals / ((double) slots * ports); }

    /** Throughput as departures / arrivals inside the window. */
    public double throughput() { return arrivals == 0 ? Double.NaN : (double) departures / arrivals; }

    /** Departures per output per slot inside the window. */
    public double departuresPerSlotPerPort() { return (double) departures / ((double) slots * ports); }
}
