package com.mspanalytics.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation stays navigable and says what it means:
 * <ul>
 * <li>every relative Markdown link in the README and {@code docs/} reaches a file of the repository, and its
 * {@code #anchor} a heading of that file (GitHub's slugs);</li>
 * <li>the README stays short (at most 250 lines): the rest belongs in {@code docs/};</li>
 * <li>no source or documentation file cites an issue number in place of saying what it is about (issue trackers
 * move and their numbers mean nothing to a reader of the code); applied Flyway migrations are exempt, since they
 * must never change. A reference to another project's tracker names its project ({@code spring-boot#48392}) and
 * is not an issue number of ours;</li>
 * <li>every Markdown file a Java comment names exists under {@code docs/} (or is the README).</li>
 * </ul>
 * Plain files, no Spring: run from the project directory, as Maven does.
 */
class DocumentationLinksTests {

    static final Path ROOT = Path.of("").toAbsolutePath();

    static final int README_MAX_LINES = 250;

    /** {@code [text](target)} and {@code ![alt](target)}, with an optional title after the target. */
    static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
    static final Pattern INLINE_CODE = Pattern.compile("`+[^`]*`+");

    /** The word "issue" (or "issues", any case) followed by a number, with or without a hash. */
    static final Pattern ISSUE_WORD = Pattern.compile("\\bissues?\\s*#?\\d+", Pattern.CASE_INSENSITIVE);
    /**
     * A bare "#17" where it reads as an issue reference: at the start, after a space or an opening bracket or
     * punctuation, and not part of a word, an HTML entity ({@code &#38;}) or a path.
     */
    static final Pattern HASH_NUMBER = Pattern.compile("(?<![\\w&/#{\\\\\"'-])#\\d+\\b(?![;-])");
    /** Colour codes (three or six digits after the hash) in templates and style sheets. */
    static final Pattern COLOUR = Pattern.compile("#(\\d{3}|\\d{6})");

    static final Pattern MARKDOWN_NAME = Pattern.compile("[\\w./-]*?([\\w.-]+\\.md)\\b");

    @Test
    void everyRelativeLinkReachesAFileAndItsHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : documentation()) {
            for (Link link : links(doc)) {
                String problem = problemWith(doc, link.target());
                if (problem != null) {
                    broken.add(ROOT.relativize(doc) + ":" + link.line() + " [" + link.text() + "](" + link.target()
                            + "): " + problem);
                }
            }
        }
        assertThat(broken).as("relative links of README.md and docs/*.md").isEmpty();
    }

    @Test
    void theReadmeIsShort() throws IOException {
        assertThat(Files.readAllLines(ROOT.resolve("README.md"))).as("lines of README.md")
                .hasSizeLessThanOrEqualTo(README_MAX_LINES);
    }

    @Test
    void noFileCitesAnIssueNumber() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : checkedForIssueNumbers()) {
            String text = text(file);
            if (text == null) {
                continue;
            }
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                for (String reference : issueReferences(file, lines[i])) {
                    offenders.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + reference);
                }
            }
        }
        assertThat(offenders).as("issue numbers in src, docs, bench, .ci and README.md (say what, not which issue)")
                .isEmpty();
    }

    @Test
    void everyMarkdownFileAJavaCommentNamesExists() throws IOException {
        Set<String> missing = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("src"))) {
            for (Path java : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                for (String comment : comments(Files.readString(java))) {
                    Matcher name = MARKDOWN_NAME.matcher(comment);
                    while (name.find()) {
                        if (!documented(name.group(), name.group(1))) {
                            missing.add(ROOT.relativize(java) + ": " + name.group());
                        }
                    }
                }
            }
        }
        assertThat(missing).as("Markdown files named in Java comments that are neither README.md nor under docs/")
                .isEmpty();
    }

    @Test
    void slugsFollowGitHub() {
        assertThat(slug("Back up and restore PostgreSQL")).isEqualTo("back-up-and-restore-postgresql");
        assertThat(slug("05 Agreement Mismatch (`agreement-mismatch`)")).isEqualTo("05-agreement-mismatch-agreement-mismatch");
        assertThat(slug("Planted facts: how KPIs are tested")).isEqualTo("planted-facts-how-kpis-are-tested");
        assertThat(slug("Sync runs_and [links](x.md) — too")).isEqualTo("sync-runs_and-links--too");
    }

    @Test
    void issueReferencesAreRecognised() {
        Path java = ROOT.resolve("Example.java");
        String hash = "#";
        assertThat(issueReferences(java, "// see Issue " + "19 for why")).hasSize(1);
        assertThat(issueReferences(java, "// the benchmark of iss" + "ue " + hash + "17")).hasSize(1);
        assertThat(issueReferences(java, "fixed in (" + hash + "12)")).hasSize(1);
        assertThat(issueReferences(java, "workaround for spring-boot" + hash + "48392, a ticket " + hash + "id"))
                .isEmpty();
        assertThat(issueReferences(ROOT.resolve("digest.html"), "color: " + hash + "333333; &" + hash + "38;"))
                .isEmpty();
    }

    // --- links ---------------------------------------------------------------------------------------------

    record Link(int line, String text, String target) {
    }

    static List<Path> documentation() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** The links outside code blocks and code spans. */
    static List<Link> links(Path doc) throws IOException {
        List<Link> links = new ArrayList<>();
        boolean inFence = false;
        List<String> lines = Files.readAllLines(doc);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (FENCE.matcher(line).find()) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                continue;
            }
            Matcher link = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
            while (link.find()) {
                String target = link.group(2);
                if (!target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
                    links.add(new Link(i + 1, link.group(1), target));
                }
            }
        }
        return links;
    }

    /** Why {@code target}, linked from {@code doc}, does not resolve; null when it does. */
    static String problemWith(Path doc, String target) throws IOException {
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path file = path.isEmpty() ? doc : doc.getParent().resolve(path).normalize();
        if (!file.startsWith(ROOT)) {
            return "outside the repository";
        }
        if (!Files.exists(file)) {
            return "no such file " + ROOT.relativize(file);
        }
        if (anchor == null || anchor.isEmpty()) {
            return null;
        }
        if (!file.toString().endsWith(".md")) {
            return "an anchor into a file that is not Markdown";
        }
        Set<String> anchors = anchors(file);
        return anchors.contains(anchor) ? null : "no heading #" + anchor + " in " + ROOT.relativize(file);
    }

    /** The anchors GitHub gives the headings of {@code file}: a repeated slug gets -1, -2, … */
    static Set<String> anchors(Path file) throws IOException {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inFence = false;
        for (String line : Files.readAllLines(file)) {
            if (FENCE.matcher(line).find()) {
                inFence = !inFence;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (inFence || !heading.matches()) {
                continue;
            }
            String slug = slug(heading.group(2));
            int count = seen.merge(slug, 1, Integer::sum);
            anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
        }
        return anchors;
    }

    /**
     * GitHub's heading slug: the heading's text (link targets and code backticks dropped), lower case, every
     * character but letters, digits, spaces, {@code -} and {@code _} removed, then each space turned into {@code -}.
     */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }

    // --- issue numbers --------------------------------------------------------------------------------------

    static List<Path> checkedForIssueNumbers() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        for (String dir : List.of("src", "docs", "bench", ".ci")) {
            Path root = ROOT.resolve(dir);
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).filter(p -> !appliedMigration(p)).sorted().forEach(files::add);
            }
        }
        return files;
    }

    /** {@code src/main/resources/db/migration/V*.sql}: applied migrations never change, whatever they say. */
    static boolean appliedMigration(Path file) {
        return file.startsWith(ROOT.resolve("src/main/resources/db/migration"))
                && file.getFileName().toString().matches("V.*\\.sql");
    }

    static List<String> issueReferences(Path file, String line) {
        List<String> found = new ArrayList<>();
        Matcher word = ISSUE_WORD.matcher(line);
        List<int[]> words = new ArrayList<>();
        while (word.find()) {
            found.add(word.group());
            words.add(new int[] {word.start(), word.end()});
        }
        boolean styled = file.toString().matches(".*\\.(html|css|svg)");
        Matcher hash = HASH_NUMBER.matcher(line);
        while (hash.find()) {
            int at = hash.start();
            boolean partOfWord = words.stream().anyMatch(w -> w[0] <= at && at < w[1]);
            if (!partOfWord && !(styled && COLOUR.matcher(hash.group()).matches())) {
                found.add(hash.group());
            }
        }
        return found;
    }

    /** The file as UTF-8 text; null for binary files. */
    static String text(Path file) throws IOException {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.indexOf('\0') >= 0 ? null : text;
        } catch (MalformedInputException e) {
            return null;
        }
    }

    // --- Markdown names in Java comments -------------------------------------------------------------------

    /**
     * {@code name} is README.md or a file of docs/, and a mention with a path ({@code docs/kpis.md}) names that
     * file where it is.
     */
    static boolean documented(String mention, String name) {
        boolean known = name.equals("README.md") || Files.isRegularFile(ROOT.resolve("docs").resolve(name));
        boolean pathRight = !mention.contains("/") || Files.isRegularFile(ROOT.resolve(mention))
                || !(mention.startsWith("docs/") || mention.startsWith("./"));
        return known && pathRight;
    }

    /** The comments of a Java source: {@code //} to the end of the line and {@code /* … *}{@code /} blocks. */
    static List<String> comments(String source) {
        List<String> comments = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                while (end > 0 && source.charAt(end - 1) == '\\') {
                    end = source.indexOf("\"\"\"", end + 1);
                }
                i = end < 0 ? n : end + 3;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                end = end < 0 ? n : end;
                comments.add(source.substring(i, end));
                i = end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                comments.add(source.substring(i, end));
                i = end;
            } else {
                i++;
            }
        }
        return comments;
    }
}
