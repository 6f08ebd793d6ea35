/** Provider packages `create()` looks for in the application's dependencies. */
export const KNOWN_PROVIDER_PACKAGES: readonly string[] = [
  '@modelmesh/providers-openai',
  '@modelmesh/providers-anthropic',
  '@modelmesh/providers-google',
  '@modelmesh/providers-mistral',
  '@modelmesh/providers-groq',
  '@modelmesh/providers-deepseek',
  '@modelmesh/providers-openrouter',
  '@modelmesh/providers-together',
  '@modelmesh/providers-xai',
  '@modelmesh/providers-ollama',
  '@modelmesh/providers-openai-compatible',
];
