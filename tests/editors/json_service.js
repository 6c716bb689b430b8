// Drives VS Code's JSON language service (vscode-json-languageservice) and ajv on requests read
// as one JSON object from stdin; prints one JSON object of answers. No network: a schema is only
// ever one of those passed in.
//
// stdin: {"schemas": {uri: schema}, "vocabulary": [keyword],
//         "documents": [{"text", "schema": uri, "completions": [offset], "hovers": [offset]}],
//         "ajv": [{"schema": uri, "data": [value], "useDefaults": bool, "relax": {option: value}}]}
// stdout: {"documents": [{"diagnostics": [message], "completions": [[label]], "hovers": [text]}],
//          "ajv": [{"error": message or null, "valid": [bool]}]}
"use strict";
const { getLanguageService, ClientCapabilities } = require("vscode-json-languageservice");
const { TextDocument } = require("vscode-languageserver-textdocument");
const Ajv2020 = require("ajv/dist/2020").default;

function hoverText(hover) {
  if (!hover) return "";
  const parts = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
  return parts.map((p) => (typeof p === "string" ? p : p.value)).join("\n");
}

async function serve(request, documentRequest, index) {
  const service = getLanguageService({
    schemaRequestService: (uri) => Promise.reject(new Error(`no network: ${uri}`)),
    clientCapabilities: ClientCapabilities.LATEST,
  });
  service.configure({
    validate: true,
    allowComments: false,
    schemas: Object.entries(request.schemas).map(([uri, schema]) => ({
      uri,
      schema,
      fileMatch: uri === documentRequest.schema ? [`/doc${index}.json`] : [],
    })),
  });
  const document = TextDocument.create(`file:///doc${index}.json`, "json", 1, documentRequest.text);
  const parsed = service.parseJSONDocument(document);
  const diagnostics = await service.doValidation(document, parsed, { schemaValidation: "error" });
  const completions = [];
  for (const offset of documentRequest.completions || []) {
    const list = await service.doComplete(document, document.positionAt(offset), parsed);
    completions.push((list ? list.items : []).map((item) => item.label));
  }
  const hovers = [];
  for (const offset of documentRequest.hovers || []) {
    hovers.push(hoverText(await service.doHover(document, document.positionAt(offset), parsed)));
  }
  return { diagnostics: diagnostics.map((d) => d.message), completions, hovers };
}

function ajvVerdicts(request, job) {
  // strict: true, unless the job relaxes named strict checks; useDefaults: fill as a filler would.
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    useDefaults: Boolean(job.useDefaults),
    ...(job.relax || {}),
  });
  ajv.addVocabulary(request.vocabulary || []);
  try {
    const validate = ajv.compile(request.schemas[job.schema]);
    return { error: null, valid: job.data.map((value) => validate(value) === true) };
  } catch (error) {
    return { error: String(error.message || error).split("\n")[0], valid: [] };
  }
}

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const request = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const documents = [];
  for (const [index, documentRequest] of (request.documents || []).entries()) {
    documents.push(await serve(request, documentRequest, index));
  }
  const ajv = (request.ajv || []).map((job) => ajvVerdicts(request, job));
  process.stdout.write(JSON.stringify({ documents, ajv }));
}

main().catch((error) => {
  process.stderr.write(`json_service.js: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
