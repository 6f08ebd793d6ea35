import { processOutput, runDemo } from '@modelmesh/cli';

// The example app: the ModelMesh proxy over three local vendor servers (OpenAI-, Anthropic-
// and Gemini-wire), driven by the official openai client through an outage. Offline, no API key.
// It prints the proxy's status page URL; `--keep-open` leaves the proxy and the page running afterwards.
await runDemo({ output: processOutput(), keepOpen: process.argv.includes('--keep-open') });
