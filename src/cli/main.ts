/**
 * Entry of the `waba` command. Each subcommand lives in `commands/<name>.ts` and exports `register(program)`;
 * a command's action returns its exit code: 0 ok, 1 findings/errors, 2 usage (or drift, where documented).
 */
import { Command, CommanderError } from "commander";
import { UsageError } from "./errors.ts";

type Registrar = (program: Command, setExit: (code: number) => void) => void;

async function loadCommands(): Promise<Registrar[]> {
  const modules = await Promise.all([
    import("./commands/validate.ts"),
    import("./commands/emulator.ts"),
    import("./commands/plan.ts"),
    import("./commands/drift.ts"),
    import("./commands/import.ts"),
    import("./commands/promote.ts"),
    import("./commands/local-loop.ts"),
  ]);
  return modules.map((m) => m.register);
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command("waba")
    .description("Declarative config-as-code for WhatsApp Business on AWS End User Messaging Social")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError();
  for (const register of await loadCommands()) {
    register(program, (code) => {
      exitCode = code;
    });
  }
  for (const c of program.commands) c.exitOverride();
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version arrive here with exit code 0.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`waba: ${err.message}\n`);
      return 2;
    }
    // Commands report expected failures themselves and return an exit code; anything thrown here is a bug.
    const e = err instanceof Error ? err : new Error(String(err));
    process.stderr.write(`waba: internal error: ${e.message}\n${e.stack ?? ""}\nPlease report this as a bug.\n`);
    return 1;
  }
}
