package io.portico.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * No main code may pin a virtual thread's carrier on JDK 21: no {@code synchronized} method or block
 * (a virtual thread that blocks while holding a monitor, or waits to enter one, keeps its carrier thread),
 * and no {@code Object.wait}/{@code notify}/{@code notifyAll} (which need a monitor). Portico runs requests
 * and invocations on virtual threads, so a pinned carrier stalls unrelated work; use
 * {@code java.util.concurrent.locks} or concurrent collections instead. The rule reads every main class's
 * bytecode, so it also sees what the compiler generates.
 *
 * <p>{@link #ALLOWED} lists the exceptions, each with its reason; a permanent entry that no longer matches
 * anything fails the test too, so the list stays true.
 */
class CarrierPinningTest {

    /** Where a monitor is justified, by {@code class#method}, and why. */
    private static final Map<String, String> ALLOWED = Map.of(
            "io.portico.functions.engine.java.FunctionClassLoader#loadClass",
            "a parallel-capable ClassLoader must lock getClassLoadingLock(name), the object the JDK's own"
                    + " loadClass and defineClass paths synchronize on; another lock would not exclude them, and"
                    + " class loading pins on JDK 21 regardless (native frames)");

    @Test
    void mainCode_holdsNoMonitor() {
        List<JavaClass> classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.portico")
                .stream().toList();
        List<String> violations = new ArrayList<>();
        Set<String> usedAllowances = new TreeSet<>();
        for (JavaClass c : classes) {
            for (String found : Monitors.in(classBytes(c))) {
                String method = found.substring(0, found.indexOf(' '));
                if (ALLOWED.containsKey(method)) {
                    usedAllowances.add(method);
                } else {
                    violations.add(found);
                }
            }
        }

        // Guards against a scan that silently saw nothing (a changed class path, say).
        assertThat(classes).extracting(JavaClass::getPackageName)
                .contains("io.portico.core.json", "io.portico.states.engine", "io.portico.functions.engine",
                        "io.portico.server");
        assertThat(violations).as("monitors that pin a virtual thread's carrier on JDK 21").isEmpty();
        assertThat(usedAllowances).as("allow-list entries still needed").isEqualTo(new TreeSet<>(ALLOWED.keySet()));
    }

    @Test
    void scanner_findsEveryKindOfMonitor() throws IOException {
        byte[] bytes;
        try (InputStream in = Pinning.class.getResourceAsStream("CarrierPinningTest$Pinning.class")) {
            bytes = in.readAllBytes();
        }

        List<String> found = Monitors.in(bytes);

        String owner = Pinning.class.getName();
        assertThat(found).containsExactlyInAnyOrder(
                owner + "#method synchronized method",
                owner + "#block synchronized block",
                owner + "#waits Object.wait",
                owner + "#waitsFor Object.wait",
                owner + "#wakes Object.notify",
                owner + "#wakesAll Object.notifyAll");
    }

    private static byte[] classBytes(JavaClass c) {
        URI uri = c.getSource().orElseThrow(() -> new IllegalStateException("no class file for " + c.getName())).getUri();
        try (InputStream in = uri.toURL().openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + uri, e);
        }
    }

    /** Finds monitors in one class file: each as {@code class#method what}. */
    private static final class Monitors extends ClassVisitor {
        private final List<String> found = new ArrayList<>();
        private String className;

        private Monitors() {
            super(Opcodes.ASM9);
        }

        static List<String> in(byte[] classFile) {
            Monitors monitors = new Monitors();
            new ClassReader(classFile).accept(monitors, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            return monitors.found;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            className = name.replace('/', '.');
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            String where = className + "#" + name;
            if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
                found.add(where + " synchronized method");
            }
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitInsn(int opcode) {
                    if (opcode == Opcodes.MONITORENTER) {
                        found.add(where + " synchronized block");
                    }
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                    // Object's wait/notify/notifyAll are final: these names and descriptors mean them, whatever
                    // the receiver's static type.
                    boolean wait = method.equals("wait") && Set.of("()V", "(J)V", "(JI)V").contains(desc);
                    boolean notify = (method.equals("notify") || method.equals("notifyAll")) && desc.equals("()V");
                    if (wait || notify) {
                        found.add(where + " Object." + method);
                    }
                }
            };
        }
    }

    /** Every kind of monitor use, for the scanner's own test. */
    @SuppressWarnings("unused")
    private static final class Pinning {
        synchronized void method() {
        }

        void block() {
            synchronized (this) {
                method();
            }
        }

        void waits() throws InterruptedException {
            wait();
        }

        void waitsFor(Object other) throws InterruptedException {
            other.wait(10);
        }

        void wakes() {
            notify();
        }

        void wakesAll() {
            notifyAll();
        }
    }
}
