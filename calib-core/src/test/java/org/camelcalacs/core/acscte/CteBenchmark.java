package org.camelcalacs.core.acscte;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.camelcalacs.core.fits.Imset;
import org.camelcalacs.core.ref.table.PcteTab;

/**
 * Seconds per full-frame WFC CTE correction (2 chips of 4096 x 2048, 4 amps, serial + parallel, post-SM4) at 1
 * and 2 threads, for the golden PCTETAB and for a generated dense table (200 active traps, PCTENFOR = 5,
 * PCTENPAR = 7), with peak memory. Run:
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -pl calib-core -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx3g -cp calib-core/target/classes:calib-core/target/test-classes:$(cat /tmp/cp.txt) \
 *     org.camelcalacs.core.acscte.CteBenchmark [pctetab] [repeats] [all|golden|dense]
 * </pre>
 * The scene is synthetic (sky 30 e- with Poisson-like noise plus read noise 4.2 e-, stars); times are wall
 * and process CPU seconds; peak memory is the process VmHWM.
 */
public final class CteBenchmark {
    private static final int NX = 4096;
    private static final int NY = 2048;

    private CteBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path tabPath = Path.of(args.length > 0 ? args[0] : "/work/shared/golden/refsets/wfc-s12345/syn_cte.fits.gz");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        String only = args.length > 2 ? args[2] : "all";
        float[][] scene = {PcteCorrTest.scene(NX, NY, 1, 30), PcteCorrTest.scene(NX, NY, 2, 30)};
        double rn = 4.2;
        if (!only.equals("dense") && Files.exists(tabPath)) {
            PcteTab tab = PcteTab.read(tabPath);
            CteModel par = CteModel.of(tab, tab.parallel(), CteModel.Overrides.NONE, 58000);
            CteModel[] ser = new CteModel[4];
            for (int a = 0; a < 4; a++) {
                ser[a] = CteModel.of(tab, tab.serial(a), CteModel.Overrides.NONE, 58000);
            }
            for (int t = 1; t <= 2; t++) {
                for (int r = 0; r < repeats; r++) {
                    run("golden PCTETAB (" + par.nTraps() + " traps, NFOR=" + par.nForward() + ", NPAR="
                            + par.nPar() + ")", scene, par, ser, null, rn, t);
                }
            }
        }
        if (!only.equals("golden")) {
            CteModel dense = PcteCorrTest.model(PcteCorrTest.levels(200, 1, 100000), 60, 5, 7, true, 1.5);
            CteModel[] ser = {dense, dense, dense, dense};
            double[][] scales = new double[NX / 2][];
            for (int c = 0; c < scales.length; c++) {
                scales[c] = new double[] {1.0, 1.05, 1.1, 1.15};
            }
            for (int t = 1; t <= 2; t++) {
                for (int r = 0; r < repeats; r++) {
                    run("dense table (200 traps, NFOR=5, NPAR=7)", scene, dense, ser, scales, rn, t);
                }
            }
        }
    }

    private static void run(String label, float[][] scene, CteModel par, CteModel[] ser, double[][] scales, double rn,
                            int threads) {
        long t0 = System.nanoTime();
        long cpu0 = cpuNanos();
        long smoothing = 0;
        try (PcteCorr corr = new PcteCorr(threads)) {
            for (int chipNo = 0; chipNo < 2; chipNo++) {
                Imset chip = new Imset(chipNo + 1, NX, NY, scene[chipNo].clone(), new float[NX * NY],
                        new short[NX * NY], new nom.tam.fits.Header(), new nom.tam.fits.Header(),
                        new nom.tam.fits.Header());
                String amps = chipNo == 0 ? "CD" : "AB";
                for (int k = 0; k < 2; k++) {
                    int amp = AmpGeometry.AMPS.indexOf(amps.charAt(k));
                    AmpGeometry gs = AmpGeometry.of(amp, amps, 2048, 0, NX, NY, true);
                    AmpGeometry gp = AmpGeometry.of(amp, amps, 2048, 0, NX, NY, false);
                    PcteCorr.AmpResult r1;
                    PcteCorr.AmpResult r2;
                    if (scales == null) {
                        r1 = corr.apply(chip, gs, ser[amp], rn, false);
                        r2 = corr.apply(chip, gp, par, rn, false);
                    } else {
                        r1 = corr.apply(chip, gs, ser[amp], scales, rn, false);
                        r2 = corr.apply(chip, gp, par, scales, rn, false);
                    }
                    smoothing += r1.smoothingIterations() + r2.smoothingIterations();
                }
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        double cpu = (cpuNanos() - cpu0) / 1e9;
        System.out.printf(Locale.ROOT, "%-48s threads=%d  %7.2f s wall per full frame, %7.2f s CPU"
                + "  (smoothing iterations: %d)  peak RSS %s MB  load %.1f%n", label, threads, s, cpu, smoothing,
                peakRssMb(), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    /** VmHWM of this process (Linux), or the JVM heap peak. */
    static String peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.valueOf(kb / 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        long peak = 0;
        for (java.lang.management.MemoryPoolMXBean p : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            peak += p.getPeakUsage().getUsed();
        }
        return String.valueOf(peak / (1024 * 1024));
    }
}
