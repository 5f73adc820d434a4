package io.portico.functions.engine.java;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Optional;
import java.util.jar.Manifest;

/**
 * The class loader of one execution environment. Lambda gives each environment a fresh JVM, so
 * static initialisers run once per environment; Portico gives each one a fresh loader instead.
 *
 * <p>Where each class comes from is {@link ClassPlacement}'s rule. Every class this loader defines
 * passes through {@link IsolationRewriter} first, so that the function's environment variables,
 * stdout/stderr and exit are this environment's and not the JVM's. Resources (for
 * {@code ServiceLoader}, configuration files) come from the JDK, then the function's code, as with any
 * {@link URLClassLoader}. The loader is unnamed on purpose: stack frames print as Lambda prints them,
 * without a loader name. Thread safe (parallel capable).
 */
final class FunctionClassLoader extends URLClassLoader {
    private static final ClassLoader PORTICO = FunctionClassLoader.class.getClassLoader();

    static {
        registerAsParallelCapable();
    }

    private final CodeRoots code;

    FunctionClassLoader(CodeRoots code) {
        super(code.urls(), ClassLoader.getPlatformClassLoader());
        this.code = code;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = switch (ClassPlacement.of(name)) {
                    case SHARED -> sharedOrOwn(name);
                    case PER_ENVIRONMENT -> perEnvironmentOrOwn(name);
                    case FUNCTION -> jdkOrOwn(name);
                };
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private Class<?> sharedOrOwn(String name) throws ClassNotFoundException {
        try {
            return PORTICO.loadClass(name);
        } catch (ClassNotFoundException e) {
            return findClass(name);
        }
    }

    private Class<?> perEnvironmentOrOwn(String name) throws ClassNotFoundException {
        Optional<CodeRoots.ClassFile> porticos = PorticoClassBytes.of(name);
        return porticos.isPresent() ? define(name, porticos.get()) : findClass(name);
    }

    private Class<?> jdkOrOwn(String name) throws ClassNotFoundException {
        try {
            return getParent().loadClass(name);
        } catch (ClassNotFoundException e) {
            return findClass(name);
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        Optional<CodeRoots.ClassFile> found = code.find(name.replace('.', '/') + ".class");
        if (found.isEmpty()) {
            throw new ClassNotFoundException(name);
        }
        CodeRoots.ClassFile file = found.get();
        byte[] rewritten;
        try {
            rewritten = IsolationRewriter.rewrite(file.bytes());
        } catch (IllegalArgumentException e) {
            // Defining it unrewritten would let it escape the environment; refuse instead.
            throw new ClassFormatError("Portico cannot rewrite " + name + ": " + e.getMessage());
        }
        return define(name, new CodeRoots.ClassFile(rewritten, file.codeSource(), file.manifest()));
    }

    private Class<?> define(String name, CodeRoots.ClassFile file) {
        definePackageOf(name, file);
        return defineClass(name, file.bytes(), 0, file.bytes().length, file.codeSource());
    }

    private void definePackageOf(String className, CodeRoots.ClassFile file) {
        int dot = className.lastIndexOf('.');
        if (dot < 0) {
            return;
        }
        String packageName = className.substring(0, dot);
        if (getDefinedPackage(packageName) != null) {
            return;
        }
        try {
            Optional<Manifest> manifest = file.manifest();
            URL location = file.codeSource().getLocation();
            if (manifest.isPresent()) {
                definePackage(packageName, manifest.get(), location);
            } else {
                definePackage(packageName, null, null, null, null, null, null, null);
            }
        } catch (IllegalArgumentException e) {
            // defined meanwhile by another thread loading a class of the same package
        }
    }

    @Override
    public void close() {
        try {
            super.close();
        } catch (java.io.IOException e) {
            // the function's jars are only read; failing to close them leaves nothing inconsistent
        } finally {
            code.close();
        }
    }
}
