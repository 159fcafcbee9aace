package org.camelcalacs.core.ref.table;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The coronagraphic spot position table SPOTTAB (spec §3 CFLTFILE + SPOTTAB; port of GetSpotTab,
 * acs2d/getspottab.c, and parseTabDate/parseObsDate, lib parsedate.c): columns DATE ('dd/mm/yy'), SHIFTX,
 * SHIFTY (float). The row whose date is closest to the observation date is used.
 *
 * <p>Dates become seconds since 1970 as the C builds them with mktime: the month number is put in the 0-based
 * tm_mon field unchanged, so every date is one month late (on both sides, so the comparison is consistent);
 * table dates are taken at 12:00, observation dates at 00:00, and the two-digit table year is 20yy.
 */
public final class SpotTab {
    public record Row(int number, String date, long seconds, float shiftx, float shifty) {
    }

    private final String file;
    private final List<Row> rows;

    private SpotTab(String file, List<Row> rows) {
        this.file = file;
        this.rows = rows;
    }

    public static SpotTab read(Path path) {
        TableColumns t = TableColumns.open(path);
        t.requireAll("SPOTTAB", "DATE", "SHIFTX", "SHIFTY");
        int cd = t.find("DATE");
        int cx = t.find("SHIFTX");
        int cy = t.find("SHIFTY");
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < t.rows(); r++) {
            String d = t.getString(r, cd);
            rows.add(new Row(r + 1, d, tableDateSeconds(d), t.getFloat(r, cx), t.getFloat(r, cy)));
        }
        return new SpotTab(t.file(), rows);
    }

    public String file() {
        return file;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The closest row (the last row when the table is empty of closer ones, as min_row starts at nrows). */
    public Row closest(long obsSeconds) {
        Row best = rows.isEmpty() ? null : rows.get(rows.size() - 1);
        long bestDelta = 9999999999L;
        for (Row r : rows) {
            long delta = Math.abs((int) (obsSeconds - r.seconds()));
            if (delta < bestDelta) {
                best = r;
                bestDelta = delta;
            }
        }
        return best;
    }

    /** parseTabDate: 'dd/mm/yy' at 12:00. */
    public static long tableDateSeconds(String date) {
        String[] tok = tokens(date);
        int mday = atoi(tok, 0);
        int mon = atoi(tok, 1);
        int year = atoi(tok, 2) + 2000;
        return seconds(year, mon, mday, 12);
    }

    /** parseObsDate: DATE-OBS 'yyyy-mm-dd' at 00:00. */
    public static long obsDateSeconds(String dateobs) {
        String[] tok = tokens(dateobs);
        return seconds(atoi(tok, 0), atoi(tok, 1), atoi(tok, 2), 0);
    }

    private static long seconds(int year, int tmMon, int mday, int hour) {
        // mktime normalisation: tm_mon counts from January, tm_mday from the 1st
        LocalDate d = LocalDate.of(year, 1, 1).plusMonths(tmMon).plusDays(mday - 1L);
        return d.atTime(hour, 0).toEpochSecond(ZoneOffset.UTC);
    }

    private static String[] tokens(String s) {
        List<String> out = new ArrayList<>();
        for (String t : s.trim().split("[ /-]")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out.toArray(new String[0]);
    }

    private static int atoi(String[] tok, int i) {
        if (i >= tok.length) {
            return 0;
        }
        String s = tok[i];
        int end = 0;
        while (end < s.length() && (Character.isDigit(s.charAt(end)) || end == 0 && s.charAt(end) == '-')) {
            end++;
        }
        try {
            return Integer.parseInt(s.substring(0, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
