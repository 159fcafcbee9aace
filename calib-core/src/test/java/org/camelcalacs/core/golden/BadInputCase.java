package org.camelcalacs.core.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One input of {@code golden/bad-inputs/cases.json}: a raw that calacs must reject with a clear message, a
 * non-zero exit status and no product left behind.
 */
public record BadInputCase(String file, String what, int oracleExit, Path input, Path refDir) {

    /** Product names that must not exist after a rejected input (a trailer .tra may). */
    public static final Pattern PRODUCT = Pattern.compile(
            ".*_(flt|flc|crj|crc|sfl|blv_tmp|blc_tmp|crj_tmp|crc_tmp|ctefmod)\\.fits$");

    /** AcsFits' hidden temporary files: one left behind would be a partial product. */
    public static final Pattern PARTIAL = Pattern.compile("^\\..*\\.tmp-[0-9a-f]+$");

    @SuppressWarnings("unchecked")
    public static List<BadInputCase> loadAll(Path corpus) {
        Path dir = corpus.resolve("bad-inputs");
        Map<String, Object> j;
        try {
            j = (Map<String, Object>) Json.parse(Files.readString(dir.resolve("cases.json"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path ref = dir.resolve((String) j.get("jref")).normalize();
        List<BadInputCase> out = new ArrayList<>();
        for (Object o : (List<Object>) j.get("cases")) {
            Map<String, Object> c = (Map<String, Object>) o;
            String f = (String) c.get("file");
            Map<String, Object> res = (Map<String, Object>) c.get("oracle_result");
            int exit = res != null && res.get("exit_status") instanceof Number n ? n.intValue() : 2;
            out.add(new BadInputCase(f, (String) c.get("what"), exit, dir.resolve("inputs").resolve(f + ".gz"), ref));
        }
        return out;
    }

    /** Gunzips the input into {@code work} and the references into {@code work/ref/}; returns the ref dir. */
    public Path prepare(Path work) {
        try {
            Files.createDirectories(work);
            GoldenCase.gunzipInto(input, work);
            Path r = work.resolve("ref");
            GoldenCase.copyTree(refDir, r);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Products found in {@code work} (should be none). */
    public static List<String> productsIn(Path work) {
        try (Stream<Path> s = Files.list(work)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> PRODUCT.matcher(n).matches() || PARTIAL.matcher(n).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
