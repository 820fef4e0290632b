package io.github.apscheduler4j.readme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The repository's README.md, as its fenced code blocks. */
final class Readme {

    static final String FILE_NAME = "README.md";

    private final Path root;
    private final List<Block> blocks;

    private Readme(Path root, List<Block> blocks) {
        this.root = root;
        this.blocks = blocks;
    }

    /** A fenced block: the line of its opening fence (from 1), its language (the info string's first word) and text. */
    record Block(int line, String language, String text) {

        /** Where the block is, as a compiler would say it: {@code README.md:152}. */
        String location() {
            return FILE_NAME + ":" + line;
        }

        /** The README line of the block's {@code n}th line (from 1). */
        int readmeLine(int n) {
            return line + n;
        }
    }

    /** The README of the repository this build runs in, found from the working directory up. */
    static Readme load() {
        Path root = repositoryRoot();
        try {
            return new Readme(root, parse(Files.readAllLines(root.resolve(FILE_NAME), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    List<Block> blocks() {
        return blocks;
    }

    // Maven runs each module's tests in the module's directory, an IDE often in the repository's: walk up to the
    // directory whose pom.xml is the parent of all modules
    private static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (!Files.isRegularFile(pom) || !Files.isRegularFile(dir.resolve(FILE_NAME))) {
                continue;
            }
            try {
                String text = Files.readString(pom);
                if (text.contains("<artifactId>apscheduler4j-parent</artifactId>") && text.contains("<modules>")) {
                    return dir;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no " + FILE_NAME + " beside the apscheduler4j parent pom.xml in " + start
                + " or a directory above it");
    }

    static List<Block> parse(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        int opened = -1;
        String language = null;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("```")) {
                if (opened >= 0) {
                    text.append(line).append('\n');
                }
                continue;
            }
            if (opened < 0) {
                opened = i + 1;
                String info = line.substring(3).trim();
                language = info.isEmpty() ? "" : info.split("\\s+")[0].toLowerCase(Locale.ROOT);
            } else {
                blocks.add(new Block(opened, language, text.toString()));
                opened = -1;
                text.setLength(0);
            }
        }
        if (opened >= 0) {
            throw new IllegalStateException(FILE_NAME + ":" + opened + ": the block opened here is never closed");
        }
        return List.copyOf(blocks);
    }
}
