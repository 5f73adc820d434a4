package io.portico.functions.engine.java;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class IsolationRewriterTest {

    /** Compiled by javac as any function class would be; never run. */
    @SuppressWarnings("unused")
    static final class UsesTheProcess {
        Map<String, String> all() {
            return System.getenv();
        }

        String one() {
            return System.getenv("HOME");
        }

        void print() {
            System.out.println("out");
            System.err.println("err");
            System.setOut(new PrintStream(System.out));
        }

        InputStream console() {
            System.setIn(InputStream.nullInputStream());
            return System.in;
        }

        void exits() {
            System.exit(1);
            Runtime.getRuntime().exit(2);
            Runtime.getRuntime().halt(3);
        }

        IntConsumer exitReference() {
            return System::exit;
        }

        Supplier<Map<String, String>> getenvReference() {
            return System::getenv;
        }
    }

    /** No method body: nothing to redirect, nowhere to put a checkpoint. */
    interface Harmless {
        long now();
    }

    /** Two methods (and the constructor), three loops of three shapes; never run. */
    @SuppressWarnings("unused")
    static final class Loops {
        static volatile int sink;

        void loops(int n) {
            for (int i = 0; i < n; i++) {
                sink = i;
            }
            while (sink > 0) {
                sink--;
            }
            do {
                sink++;
            } while (sink < n);
        }

        int straight(int a) {
            return a > 0 ? a : -a;
        }
    }

    private static byte[] bytesOf(Class<?> type) throws IOException {
        String name = type.getName();
        try (InputStream in = type.getClassLoader().getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Every owner.name a class refers to in instructions and handles. */
    private static List<String> references(byte[] classFile) {
        List<String> found = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitFieldInsn(int opcode, String owner, String field, String desc) {
                        found.add(owner + "." + field);
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        found.add(owner + "." + method);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String n, String d, Handle bootstrap, Object... arguments) {
                        for (Object argument : arguments) {
                            if (argument instanceof Handle handle) {
                                found.add(handle.getOwner() + "." + handle.getName());
                            }
                        }
                    }
                };
            }
        }, 0);
        return found;
    }

    @Test
    void rewrite_redirectsEveryProcessWideCall_toTheHooks() throws IOException {
        List<String> before = references(bytesOf(UsesTheProcess.class));
        List<String> after = references(IsolationRewriter.rewrite(bytesOf(UsesTheProcess.class)));

        assertThat(before).contains("java/lang/System.getenv", "java/lang/System.out", "java/lang/System.exit",
                "java/lang/Runtime.exit", "java/lang/Runtime.halt", "java/lang/System.setOut", "java/lang/System.in");
        assertThat(after).noneMatch(ref -> ref.matches("java/lang/System\\.(getenv|out|err|in|exit|setOut|setErr|setIn)"))
                .noneMatch(ref -> ref.matches("java/lang/Runtime\\.(exit|halt)"));
        String hooks = IsolationRewriter.HOOKS;
        assertThat(after).contains(hooks + ".getenv", hooks + ".out", hooks + ".err", hooks + ".in", hooks + ".setOut",
                hooks + ".setIn", hooks + ".exit", hooks + ".halt");
        // Everything else is kept: Runtime.getRuntime() still provides the receiver the hooks ignore.
        assertThat(after).contains("java/lang/Runtime.getRuntime", "java/io/PrintStream.println");
    }

    @Test
    void rewrite_putsACheckpointAtEveryMethodEntry_andBeforeEveryBackwardJump() throws IOException {
        List<String> before = references(bytesOf(Loops.class));
        List<String> after = references(IsolationRewriter.rewrite(bytesOf(Loops.class)));

        String checkpoint = IsolationRewriter.HOOKS + ".checkpoint";
        assertThat(before).doesNotContain(checkpoint);
        // <init>, loops and straight on entry; one per loop turn; none for the forward jump in straight.
        assertThat(after).filteredOn(checkpoint::equals).hasSize(3 + 3);
    }

    @Test
    void rewrite_ofAClassWithoutCode_returnsTheSameArray() throws IOException {
        byte[] original = bytesOf(Harmless.class);

        assertThat(IsolationRewriter.rewrite(original)).isSameAs(original);
    }

    @ParameterizedTest
    @ValueSource(classes = {UsesTheProcess.class, Loops.class})
    void rewrite_producesAClassTheVerifierAccepts(Class<?> original) throws Exception {
        byte[] rewritten = IsolationRewriter.rewrite(bytesOf(original));
        ClassLoader loader = new ClassLoader(null) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (name.equals(original.getName())) {
                    return defineClass(name, rewritten, 0, rewritten.length);
                }
                throw new ClassNotFoundException(name);
            }
        };

        // Initialising links the class, and linking runs the verifier over every method.
        Class<?> defined = Class.forName(original.getName(), true, loader);

        assertThat(defined.getDeclaredMethods()).hasSize(original.getDeclaredMethods().length);
    }
}
