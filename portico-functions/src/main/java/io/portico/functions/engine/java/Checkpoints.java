package io.portico.functions.engine.java;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Puts a call of {@code EnvironmentHooks.checkpoint()} at the start of a method and before each of its
 * backward jumps, so that a function's code can be stopped where it would otherwise run forever: a
 * loop of its own turns through a backward jump, and a loop inside the JDK that calls back into the
 * function (a stream, a comparator, a regular expression over the function's {@code CharSequence})
 * enters one of its methods. Code that spins inside the JDK without calling back cannot be stopped;
 * it runs on a platform thread of its own, which the operating system schedules fairly.
 *
 * <p>A jump is backward when its target label was visited before it: ASM visits instructions in
 * bytecode order. The call takes no operand and returns nothing, so it fits anywhere between
 * instructions: before a conditional jump its operands simply stay on the stack, and neither the
 * stack map frames (attached to labels, which move with the code) nor the maximum stack change. Not
 * thread safe: one instance per method visit.
 */
final class Checkpoints extends MethodVisitor {
    private static final String CHECKPOINT = "checkpoint";
    private static final String NO_ARGUMENTS = "()V";

    private final Set<Label> visited = new HashSet<>();
    private final Runnable onInsert;

    /** Inserts checkpoints into what flows to {@code next}, calling {@code onInsert} for each. */
    Checkpoints(MethodVisitor next, Runnable onInsert) {
        super(Opcodes.ASM9, next);
        this.onInsert = onInsert;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        checkpoint();
    }

    @Override
    public void visitLabel(Label label) {
        visited.add(label);
        super.visitLabel(label);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        if (opcode != Opcodes.JSR && visited.contains(label)) {
            checkpoint();
        }
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        if (anyVisited(dflt, labels)) {
            checkpoint();
        }
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        if (anyVisited(dflt, labels)) {
            checkpoint();
        }
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    private boolean anyVisited(Label dflt, Label[] labels) {
        if (visited.contains(dflt)) {
            return true;
        }
        for (Label label : labels) {
            if (visited.contains(label)) {
                return true;
            }
        }
        return false;
    }

    private void checkpoint() {
        onInsert.run();
        super.visitMethodInsn(Opcodes.INVOKESTATIC, IsolationRewriter.HOOKS, CHECKPOINT, NO_ARGUMENTS, false);
    }
}
