/**
 * Entry of the `waba` command. Each subcommand lives in `commands/<name>.ts` and exports `register(program)`;
 * a command's action returns its exit code: 0 ok, 1 findings/errors, 2 usage (or drift, where documented).
 */
import { Command, CommanderError } from "commander";
import { UsageError } from "./errors.ts";

type Registrar = (program: Command, setExit: (code: number) => void) => void;

/** Each subcommand's module, loaded only when needed (the emulator and runtime modules cost ~0.1–0.2 s each). */
const COMMANDS: Record<string, () => Promise<{ register: Registrar }>> = {
  validate: () => import("./commands/validate.ts"),
  emulator: () => import("./commands/emulator.ts"),
  plan: () => import("./commands/plan.ts"),
  drift: () => import("./commands/drift.ts"),
  import: () => import("./commands/import.ts"),
  promote: () => import("./commands/promote.ts"),
  "local-loop": () => import("./commands/local-loop.ts"),
};

/** The named subcommand's module, or all of them for help, no command, or an unknown name (commander reports it). */
async function loadCommands(argv: string[]): Promise<Registrar[]> {
  const name = argv.find((a) => !a.startsWith("-"));
  const load = name === undefined ? undefined : COMMANDS[name];
  const loaders = load === undefined ? Object.values(COMMANDS) : [load];
  return (await Promise.all(loaders.map((l) => l()))).map((m) => m.register);
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command("waba")
    .description("Declarative config-as-code for WhatsApp Business on AWS End User Messaging Social")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError();
  for (const register of await loadCommands(argv)) {
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
