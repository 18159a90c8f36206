package dev.rotor.scheduler.policy.yaml;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

import dev.rotor.scheduler.policy.RotationWindow;

/** The {@code windows} of a class or a secret: days, hours such as 22:00-04:00 (across midnight), and a time zone. */
final class WindowReader {

    static final Set<String> WINDOW_KEYS = Set.of("days", "hours", "timezone");
    private static final Pattern HOURS = Pattern.compile("(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})");
    private static final String END_OF_DAY = "24:00";
    private static final String EXAMPLE = "[{days: [MON-FRI], hours: 22:00-04:00, timezone: Europe/Berlin}]";

    private final Problems problems;

    WindowReader(Problems problems) {
        this.problems = problems;
    }

    /** Empty when the mapping has no windows (any time, or inherited); a present but empty list is refused. */
    Optional<List<RotationWindow>> read(MappingReader owner, ZoneId defaultZone) {
        if (owner.node("windows").isEmpty()) {
            return Optional.empty();
        }
        List<Map.Entry<String, Node>> items = owner.items("windows", EXAMPLE);
        if (items.isEmpty()) {
            problems.add(owner.line("windows"), owner.field("windows"), "an empty list would never allow a rotation: remove the key"
                    + " for any time, or list windows like " + EXAMPLE);
        }
        List<RotationWindow> windows = new ArrayList<>();
        for (Map.Entry<String, Node> item : items) {
            MappingReader.of(item.getValue(), item.getKey(), problems, "{days: [MON-FRI], hours: 22:00-04:00}")
                    .flatMap(window -> window(window, defaultZone))
                    .ifPresent(windows::add);
        }
        return Optional.of(windows);
    }

    private Optional<RotationWindow> window(MappingReader window, ZoneId defaultZone) {
        window.allowOnly(WINDOW_KEYS);
        ZoneId zone = zone(window, defaultZone);
        Set<DayOfWeek> days = days(window);
        Optional<Hours> hours = window.requiredText("hours", "the local start and end, e.g. 22:00-04:00 (crosses midnight)")
                .flatMap(text -> hours(text, window));
        return hours.map(h -> new RotationWindow(days, h.start(), h.end(), zone));
    }

    private ZoneId zone(MappingReader window, ZoneId defaultZone) {
        Optional<String> text = window.text("timezone", "a time zone such as Europe/Berlin");
        try {
            return text.map(ZoneId::of).orElse(defaultZone);
        } catch (DateTimeException e) {
            problems.add(window.line("timezone"), window.field("timezone"), "unknown time zone: use a region id such as"
                    + " Europe/Berlin, America/New_York or UTC");
            return defaultZone;
        }
    }

    private Set<DayOfWeek> days(MappingReader window) {
        List<ScalarNode> items = window.scalars("days", "a day (MON) or a range of days (MON-FRI)");
        if (items.isEmpty()) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (ScalarNode item : items) {
            for (String part : item.getValue().split(",")) {
                String[] range = part.trim().split("-");
                Optional<DayOfWeek> from = day(range[0]);
                Optional<DayOfWeek> to = range.length == 2 ? day(range[1]) : from;
                if (range.length > 2 || from.isEmpty() || to.isEmpty()) {
                    problems.add(item, window.field("days"), "not a day or a range of days: use MON, TUE, WED, THU, FRI, SAT, SUN"
                            + " or a range such as MON-FRI");
                    continue;
                }
                for (DayOfWeek d = from.get(); ; d = d.plus(1)) {
                    days.add(d);
                    if (d == to.get()) {
                        break;
                    }
                }
            }
        }
        return days;
    }

    private static Optional<DayOfWeek> day(String text) {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        if (upper.length() < 3) {
            return Optional.empty();
        }
        return EnumSet.allOf(DayOfWeek.class).stream().filter(d -> d.name().startsWith(upper.substring(0, 3))
                && d.name().startsWith(upper)).findFirst();
    }

    private Optional<Hours> hours(String text, MappingReader window) {
        Matcher matcher = HOURS.matcher(text);
        String problem = "must be local start and end times like 22:00-04:00 (a window that ends before it starts crosses"
                + " midnight; 00:00-24:00 is the whole day)";
        if (!matcher.matches()) {
            problems.add(window.line("hours"), window.field("hours"), problem);
            return Optional.empty();
        }
        try {
            LocalTime start = LocalTime.parse(pad(matcher.group(1)));
            LocalTime end = matcher.group(2).equals(END_OF_DAY) ? LocalTime.MIDNIGHT : LocalTime.parse(pad(matcher.group(2)));
            if (start.equals(end) && !matcher.group(2).equals(END_OF_DAY)) {
                problems.add(window.line("hours"), window.field("hours"), "starts and ends at the same time: for the whole day"
                        + " write 00:00-24:00, or leave windows out");
                return Optional.empty();
            }
            return Optional.of(new Hours(start, end));
        } catch (DateTimeParseException e) {
            problems.add(window.line("hours"), window.field("hours"), problem);
            return Optional.empty();
        }
    }

    private record Hours(LocalTime start, LocalTime end) {
    }

    private static String pad(String time) {
        return time.length() == "0:00".length() ? "0" + time : time;
    }
}
