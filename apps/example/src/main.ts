import { processOutput, runDemo } from '@modelmesh/cli';

// The example app: the ModelMesh proxy over three local vendor servers (OpenAI-, Anthropic-
// and Gemini-wire), driven by the official openai client through an outage. Offline, no API key.
await runDemo({ output: processOutput() });
