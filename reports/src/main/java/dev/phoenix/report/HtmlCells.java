package dev.phoenix.report;

/**
 * The cells of the HTML scorecard that hold member-supplied values: escaped ({@link Html#escape}),
 * isolated from the text around them ({@code <bdi>}, so right-to-left text cannot reorder it) and,
 * past {@value #SHOWN} characters, clipped with an ellipsis and the whole value in the title, so
 * that no value pushes a column off the screen.
 *
 * <pre>{@code
 * "<td>" + HtmlCells.value(drift.actual()) + "</td>"
 * "<td>" + HtmlCells.member(view, m.id()) + "</td>"   // <bdi>db-primary</bdi> <code><bdi>h-1</bdi></code>
 * }</pre>
 */
final class HtmlCells {

    /** Characters of a value shown in a cell. */
    static final int SHOWN = 160;

    private HtmlCells() {
    }

    /** A value, isolated and clipped; "" for null. */
    static String value(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        String shown = ReportView.clip(s, SHOWN);
        return shown.equals(s) ? "<bdi>" + Html.escape(s) + "</bdi>"
                : "<bdi class=\"clipped\" title=\"" + Html.escape(s) + "\">" + Html.escape(shown) + "</bdi>";
    }

    /** A value in a monospace code span. */
    static String code(Object value) {
        return value == null ? "" : "<code>" + value(value) + "</code>";
    }

    /** A member by name and id ({@code name id}), or by id alone when that is its name. */
    static String member(String name, String id) {
        if (id == null) {
            return "";
        }
        return name == null || name.equals(id) ? code(id) : value(name) + " " + code(id);
    }

    static String member(ReportView view, String id) {
        return id == null ? "" : member(view.nameOf(id), id);
    }

    static String member(ReportView view, Finding f) {
        return f.member() == null ? "<span class=\"meta\">(whole group)</span>" : member(view.name(f), f.member());
    }

    /** A badge with a class of its own name ({@code DRIFTED}, {@code CRITICAL}). */
    static String badge(Object label) {
        return "<span class=\"status " + Html.escape(label) + "\">" + Html.escape(label) + "</span>";
    }

    /** A finding's waiver: a badge (waived, or waiver expired) and who, until when and why. */
    static String waiver(Finding.Waiver w) {
        if (w == null) {
            return "";
        }
        return "<span class=\"status " + (w.expired() ? "expired\">waiver expired" : "waived\">waived") + "</span> "
                + value(ReportView.waiver(w));
    }
}
