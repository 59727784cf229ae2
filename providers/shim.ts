/**
 * The thin shim every provider family uses: Pulumi serializes only this small object into state; at run time its
 * methods find the project root (the directory holding Pulumi.yaml, walking up from the working directory, or
 * WABA_PROJECT_ROOT) and forward to `providers/impl/<family>.ts`, loaded with `import()` (Node 24 strips the
 * types). So `read` and `delete` always run the current implementation, and a code change never churns state.
 */
import type * as pulumi from "@pulumi/pulumi";

// The serialized text is stored twice per resource, so the functions below stay small and comment-free. import()
// is built from a string because test runners and bundlers rewrite a literal import() into a helper that captures
// their own state, which would then be serialized (@pulumi/pulumi's cmd/run does the same).

/** Builds the serializable shim for one family; it captures nothing but the family's file name. */
export function shimProvider<I, O>(family: string): pulumi.dynamic.ResourceProvider<I, O> {
  // biome-ignore lint/suspicious/noExplicitAny: the implementation modules are typed in providers/impl
  const call = async (method: string, ...args: unknown[]): Promise<any> => {
    // biome-ignore lint/complexity/noCommaOperator: indirect eval creates the function in global scope
    // biome-ignore lint/security/noGlobalEval: a fixed string
    const imp = (0, eval)("(u) => import(u)");
    const { existsSync } = await imp("node:fs");
    const { dirname, join } = await imp("node:path");
    let dir = process.env.WABA_PROJECT_ROOT || process.cwd();
    while (!existsSync(join(dir, "Pulumi.yaml"))) {
      if (dirname(dir) === dir) throw new Error(`waba providers: no Pulumi.yaml above ${process.cwd()}`);
      dir = dirname(dir);
    }
    const impl = await imp((await imp("node:url")).pathToFileURL(join(dir, "providers", "impl", `${family}.ts`)).href);
    return impl[method](...args);
  };
  return {
    configure: (req) => call("configure", (key: string) => req.config.get(key)),
    check: (olds, news) => call("check", olds, news),
    diff: (id, olds, news) => call("diff", id, olds, news),
    create: (inputs) => call("create", inputs),
    read: (id, props) => call("read", id, props),
    update: (id, olds, news) => call("update", id, olds, news),
    delete: (id, props) => call("delete", id, props),
  };
}
