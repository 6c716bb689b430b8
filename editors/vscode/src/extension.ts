// Starts `automl-objective lsp` (the language server of the automl-objective package) for
// Python files, notebooks, JSON and YAML, and hands it the automlObjective settings.
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

const SECTION = "automlObjective";
let client: LanguageClient | undefined;

function serverSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    strict: config.get<boolean>("strict", false),
    skipUnknown: config.get<boolean>("skipUnknown", true),
    placeholders: config.get<string>("placeholders", "report"),
    maxBytes: config.get<number>("maxBytes", 10485760),
  };
}

async function start(): Promise<void> {
  const command = vscode.workspace.getConfiguration(SECTION).get<string>("path", "automl-objective");
  const serverOptions: ServerOptions = { command, args: ["lsp"], transport: TransportKind.stdio };
  // Files only through these text selectors; notebook cells come as notebook documents
  // (the server asks for them), so a cell is never checked twice.
  const files = ["python", "json", "jsonc", "yaml"].flatMap((language) => [
    { scheme: "file", language },
    { scheme: "untitled", language },
  ]);
  const clientOptions: LanguageClientOptions = {
    documentSelector: files,
    initializationOptions: { [SECTION]: serverSettings() },
    synchronize: { configurationSection: SECTION },
  };
  client = new LanguageClient(SECTION, "automl-objective", serverOptions, clientOptions);
  await client.start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration(`${SECTION}.path`)) {
        await client?.stop();
        await start();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
