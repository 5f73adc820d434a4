package io.portico.functions.engine.java;

import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites a class file so that its reads of the process-wide {@code System.getenv},
 * {@code System.out}/{@code err}/{@code in}, its {@code System.setOut}/{@code setErr}/{@code setIn}
 * and its calls of {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} go to
 * {@code EnvironmentHooks} in the same class loader instead.
 *
 * <p>Each replacement has the same stack effect as what it replaces ({@code GETSTATIC System.out}
 * becomes {@code INVOKESTATIC EnvironmentHooks.out()}; {@code INVOKEVIRTUAL Runtime.exit(I)} becomes
 * {@code INVOKESTATIC EnvironmentHooks.exit(Runtime, int)}), so no frame or stack size changes and the
 * rewrite is a single pass with ASM copying everything else. Method handles to those members (method
 * references such as {@code System::exit}, {@code ldc} of a handle) are redirected too. Reflection
 * and {@code MethodHandles.Lookup} by name still reach the real members: the isolation stops ordinary
 * code, not code set on escaping it.
 *
 * <p>The same pass inserts {@link Checkpoints}: a call at every method entry and loop turn through
 * which Portico stops the function's code when its invocation timed out or outgrew its memory. A
 * method that the extra calls would push past the JVM's 64 KB limit keeps its code as it was (the
 * class is rewritten again without checkpoints): it can then only be contained, not stopped.
 *
 * <p>A class with no method body that uses none of the replaced members comes back as the same array.
 * Stateless; thread safe.
 */
final class IsolationRewriter {
    static final String HOOKS = "io/portico/functions/engine/java/inside/EnvironmentHooks";
    private static final String SYSTEM = "java/lang/System";
    private static final String RUNTIME = "java/lang/Runtime";
    private static final String PRINT_STREAM = "Ljava/io/PrintStream;";
    private static final String INPUT_STREAM = "Ljava/io/InputStream;";

    /** A member reference as it appears in an instruction or a handle. */
    private record Member(String owner, String name, String descriptor) {
    }

    /** Replacements for invoked methods; all replacements are static methods of the hooks. */
    private static final Map<Member, Member> METHODS = Map.ofEntries(
            hook(SYSTEM, "getenv", "()Ljava/util/Map;"),
            hook(SYSTEM, "getenv", "(Ljava/lang/String;)Ljava/lang/String;"),
            hook(SYSTEM, "setOut", "(" + PRINT_STREAM + ")V"),
            hook(SYSTEM, "setErr", "(" + PRINT_STREAM + ")V"),
            hook(SYSTEM, "setIn", "(" + INPUT_STREAM + ")V"),
            hook(SYSTEM, "exit", "(I)V"),
            Map.entry(new Member(RUNTIME, "exit", "(I)V"), new Member(HOOKS, "exit", "(Ljava/lang/Runtime;I)V")),
            Map.entry(new Member(RUNTIME, "halt", "(I)V"), new Member(HOOKS, "halt", "(Ljava/lang/Runtime;I)V")));

    /** Replacements for static field reads, as static no-argument methods of the hooks. */
    private static final Map<Member, Member> FIELDS = Map.of(
            new Member(SYSTEM, "out", PRINT_STREAM), new Member(HOOKS, "out", "()" + PRINT_STREAM),
            new Member(SYSTEM, "err", PRINT_STREAM), new Member(HOOKS, "err", "()" + PRINT_STREAM),
            new Member(SYSTEM, "in", INPUT_STREAM), new Member(HOOKS, "in", "()" + INPUT_STREAM));

    private IsolationRewriter() {
    }

    /** A static method of {@code System} replaced by the hook of the same name and descriptor. */
    private static Map.Entry<Member, Member> hook(String owner, String name, String descriptor) {
        return Map.entry(new Member(owner, name, descriptor), new Member(HOOKS, name, descriptor));
    }

    /**
     * Returns the rewritten class file, or {@code classFile} itself when nothing needed rewriting.
     *
     * @throws IllegalArgumentException if ASM cannot read the class (a class file version newer than it knows)
     */
    static byte[] rewrite(byte[] classFile) {
        try {
            return rewrite(classFile, true);
        } catch (MethodTooLargeException e) {
            return rewrite(classFile, false);
        }
    }

    /**
     * As {@link #rewrite(byte[])}, with checkpoints only if {@code checkpoints}: Portico's own copies of
     * Lambda's libraries have none, since they only loop over what the function gave them and call back
     * into its code, whose checkpoints stop it, and they carry every invocation's serialization.
     */
    static byte[] rewrite(byte[] classFile, boolean checkpoints) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        Redirector redirector = new Redirector(writer, checkpoints);
        reader.accept(redirector, 0);
        return redirector.changed ? writer.toByteArray() : classFile;
    }

    private static final class Redirector extends ClassVisitor {
        private final boolean checkpoints;
        boolean changed;

        Redirector(ClassVisitor next, boolean checkpoints) {
            super(Opcodes.ASM9, next);
            this.checkpoints = checkpoints;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            return new MethodRedirector(checkpoints ? new Checkpoints(next, () -> changed = true) : next, this);
        }
    }

    private static final class MethodRedirector extends MethodVisitor {
        private final Redirector owner;

        MethodRedirector(MethodVisitor next, Redirector owner) {
            super(Opcodes.ASM9, next);
            this.owner = owner;
        }

        @Override
        public void visitFieldInsn(int opcode, String fieldOwner, String name, String descriptor) {
            Member replacement = opcode == Opcodes.GETSTATIC ? FIELDS.get(new Member(fieldOwner, name, descriptor)) : null;
            if (replacement == null) {
                super.visitFieldInsn(opcode, fieldOwner, name, descriptor);
                return;
            }
            owner.changed = true;
            super.visitMethodInsn(Opcodes.INVOKESTATIC, replacement.owner(), replacement.name(), replacement.descriptor(), false);
        }

        @Override
        public void visitMethodInsn(int opcode, String methodOwner, String name, String descriptor, boolean isInterface) {
            Member replacement = redirectable(opcode) ? METHODS.get(new Member(methodOwner, name, descriptor)) : null;
            if (replacement == null) {
                super.visitMethodInsn(opcode, methodOwner, name, descriptor, isInterface);
                return;
            }
            owner.changed = true;
            super.visitMethodInsn(Opcodes.INVOKESTATIC, replacement.owner(), replacement.name(), replacement.descriptor(), false);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            Object[] redirected = new Object[arguments.length];
            for (int i = 0; i < arguments.length; i++) {
                redirected[i] = redirectConstant(arguments[i]);
            }
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, redirected);
        }

        @Override
        public void visitLdcInsn(Object value) {
            super.visitLdcInsn(redirectConstant(value));
        }

        private Object redirectConstant(Object constant) {
            if (!(constant instanceof Handle handle)) {
                return constant; // handles nested in ConstantDynamic arguments are left alone: javac emits none
            }
            Member member = new Member(handle.getOwner(), handle.getName(), handle.getDesc());
            Member replacement = switch (handle.getTag()) {
                case Opcodes.H_INVOKESTATIC, Opcodes.H_INVOKEVIRTUAL -> METHODS.get(member);
                case Opcodes.H_GETSTATIC -> FIELDS.get(member);
                default -> null;
            };
            if (replacement == null) {
                return constant;
            }
            owner.changed = true;
            return new Handle(Opcodes.H_INVOKESTATIC, replacement.owner(), replacement.name(), replacement.descriptor(), false);
        }

        private static boolean redirectable(int opcode) {
            return opcode == Opcodes.INVOKESTATIC || opcode == Opcodes.INVOKEVIRTUAL;
        }
    }
}
