package io.github.apscheduler4j.readme;

import io.github.apscheduler4j.readme.Readme.Block;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a README Java block as it is written, with javac, against the test class path. A README block has no
 * imports and is often a fragment: it is given the imports below and, as its {@link Wrapping} says, put in a class
 * body or a method body. {@code { ... }}, the README's way of saying "a method body of yours", compiles as an empty
 * body. Compile errors are reported at their README line.
 */
final class JavaBlocks {

    static final String PACKAGE = "readme";

    /** What a README reader is expected to import: the project's packages and the obvious JDK and Spring ones. */
    private static final List<String> IMPORTS = List.of(
            "io.github.apscheduler4j.annotation.*",
            "io.github.apscheduler4j.boot.autoconfigure.*",
            "io.github.apscheduler4j.boot.observation.*",
            "io.github.apscheduler4j.event.*",
            "io.github.apscheduler4j.executor.*",
            "io.github.apscheduler4j.jdbc.*",
            "io.github.apscheduler4j.job.*",
            "io.github.apscheduler4j.mongodb.*",
            "io.github.apscheduler4j.scheduler.*",
            "io.github.apscheduler4j.store.*",
            "io.github.apscheduler4j.trigger.*",
            "io.micrometer.common.KeyValues",
            "java.time.*",
            "java.util.*",
            "javax.sql.*",
            "org.springframework.context.annotation.*",
            "org.springframework.security.config.annotation.web.builders.HttpSecurity",
            "org.springframework.security.config.annotation.web.configuration.EnableWebSecurity",
            "org.springframework.security.web.SecurityFilterChain",
            "static org.springframework.security.config.Customizer.withDefaults");

    private JavaBlocks() {
    }

    /** How a block becomes a compilation unit. */
    record Wrapping(String before, String after) {

        /** The block declares its own top-level types. */
        static Wrapping compilationUnit() {
            return new Wrapping("", "");
        }

        /** The block is fields and methods: the body of a public class with these annotations. */
        static Wrapping members(String classAnnotations) {
            return new Wrapping(classAnnotations + "\npublic class %s {\n", "}\n");
        }

        /**
         * The block is statements: the body of {@code public static Object run(parameters)}, which returns
         * {@code result} (an expression over the block's variables) for the test to look at.
         */
        static Wrapping statements(String parameters, String result) {
            return new Wrapping("public class %s {\npublic static Object run(" + parameters + ") throws Exception {\n",
                    "return " + result + ";\n}\n}\n");
        }
    }

    /** The classes a block compiled to, in a class loader of their own whose parent is the tests'. */
    record Compiled(URLClassLoader loader, String className) implements AutoCloseable {

        /** The class that wraps the block (or a type the block declares, for {@link Wrapping#compilationUnit()}). */
        Class<?> type(String simpleName) {
            try {
                return Class.forName(PACKAGE + "." + simpleName, true, loader);
            } catch (ClassNotFoundException e) {
                throw new AssertionError("the block declares no class " + simpleName, e);
            }
        }

        Class<?> type() {
            return type(className);
        }

        /** Runs a block of statements ({@link Wrapping#statements}) and returns what its wrapping returns. */
        Object run(Object... arguments) throws Exception {
            Method run = Arrays.stream(type().getMethods()).filter(m -> m.getName().equals("run")).findFirst()
                    .orElseThrow();
            try {
                return run.invoke(null, arguments);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof Exception exception) {
                    throw exception;
                }
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            loader.close();
        }
    }

    static Compiled compile(Block block, Wrapping wrapping, Path outputDirectory) {
        String className = "ReadmeLine" + block.line();
        StringBuilder header = new StringBuilder("package " + PACKAGE + ";\n");
        IMPORTS.forEach(i -> header.append("import ").append(i).append(";\n"));
        header.append(wrapping.before().formatted(className));
        String body = block.text().replace("{ ... }", "{ }");
        String source = header + body + wrapping.after();
        int headerLines = (int) header.chars().filter(c -> c == '\n').count();

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("the tests run on a JRE without javac; run them on a JDK");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            Files.createDirectories(outputDirectory);
            // Surefire and IDEs put the test class path there: the block sees what the tests see
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d",
                    outputDirectory.toString(), "--release", "17", "-proc:none", "-parameters", "-implicit:none");
            JavaFileObject unit = new Source(PACKAGE + "/" + className + ".java", source);
            if (!compiler.getTask(null, files, diagnostics, options, null, List.of(unit)).call()) {
                throw new AssertionError(block.location() + ": the ```java block does not compile:\n"
                        + diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                                .map(d -> describe(d, block, headerLines, source)).collect(Collectors.joining("\n")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Compiled(new URLClassLoader(new URL[] {url(outputDirectory.toFile())},
                JavaBlocks.class.getClassLoader()), className);
    }

    private static String describe(Diagnostic<? extends JavaFileObject> diagnostic, Block block, int headerLines,
            String source) {
        long line = diagnostic.getLineNumber();
        long inBlock = line - headerLines;
        String where = inBlock >= 1 && inBlock <= block.text().lines().count()
                ? Readme.FILE_NAME + ":" + block.readmeLine((int) inBlock)
                : block.location() + " (in the class or method the test wraps the block in)";
        String code = line >= 1 ? source.lines().skip(line - 1).findFirst().orElse("").strip() : "";
        return "  " + where + ": " + diagnostic.getMessage(Locale.ROOT) + "\n      " + code;
    }

    private static URL url(File directory) {
        try {
            return directory.toURI().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Source extends SimpleJavaFileObject {

        private final String text;

        Source(String path, String text) {
            super(URI.create("string:///" + path), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
