/**
 * The conformance suite's fixture tools and resources written as our framework's ToolSpec /
 * ResourceSpec, so `createToolServer` serves them exactly as it serves the CRM tool servers: zod input,
 * the call context (progress), the deadline, ToolError → `isError`, `present` for media results,
 * resources as text, JSON or bytes. Names and payloads are the ones the suite's scenarios ask for.
 */
import { z } from 'zod';
import type { ResourceSpec, ToolSpec } from '../../src/servers/framework/index.js';
import { defineResource, defineTool, ToolError } from '../../src/servers/framework/index.js';

/** A 1x1 red PNG pixel. */
export const TEST_IMAGE_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
/** A minimal WAV file. */
const TEST_AUDIO_BASE64 = 'UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=';

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

const image = { type: 'image' as const, data: TEST_IMAGE_BASE64, mimeType: 'image/png' };

export const FIXTURE_TOOLS: ToolSpec[] = [
  defineTool({
    name: 'test_simple_text',
    description: 'Returns a simple text.',
    access: 'public',
    input: {},
    async handler() {
      return { text: 'This is a simple text response for testing.' };
    },
    present: (value) => [{ type: 'text', text: String(value.text) }],
  }),
  defineTool({
    name: 'test_image_content',
    description: 'Returns an image.',
    access: 'public',
    input: {},
    async handler() {
      return { mimeType: 'image/png', bytes: TEST_IMAGE_BASE64.length };
    },
    present: () => [image],
  }),
  defineTool({
    name: 'test_audio_content',
    description: 'Returns audio.',
    access: 'public',
    input: {},
    async handler() {
      return { mimeType: 'audio/wav' };
    },
    present: () => [{ type: 'audio', data: TEST_AUDIO_BASE64, mimeType: 'audio/wav' }],
  }),
  defineTool({
    name: 'test_embedded_resource',
    description: 'Returns an embedded resource.',
    access: 'public',
    input: {},
    async handler() {
      return { uri: 'test://embedded-resource' };
    },
    present: () => [
      {
        type: 'resource',
        resource: {
          uri: 'test://embedded-resource',
          mimeType: 'text/plain',
          text: 'This is an embedded resource content.',
        },
      },
    ],
  }),
  defineTool({
    name: 'test_multiple_content_types',
    description: 'Returns text, an image and an embedded resource.',
    access: 'public',
    input: {},
    async handler() {
      return { test: 'data', value: 123 };
    },
    present: (value) => [
      { type: 'text', text: 'Multiple content types test:' },
      image,
      {
        type: 'resource',
        resource: { uri: 'test://mixed-content-resource', mimeType: 'application/json', text: JSON.stringify(value) },
      },
    ],
  }),
  defineTool({
    name: 'test_error_handling',
    description: 'Always fails.',
    access: 'public',
    input: {},
    async handler() {
      throw new ToolError('This tool intentionally returns an error for testing');
    },
  }),
  defineTool({
    name: 'test_tool_with_progress',
    description: 'Reports progress 0, 50, 100 of 100.',
    access: 'public',
    input: {},
    async handler(_args, ctx) {
      for (const step of [0, 50, 100]) {
        await ctx.progress?.(step, 100, `Completed step ${step} of 100`);
        if (step < 100) await pause(50, ctx.signal);
      }
      return { done: true };
    },
  }),
];

export const FIXTURE_RESOURCES: ResourceSpec[] = [
  defineResource({
    name: 'static-text',
    uriTemplate: 'test://static-text',
    description: 'A static text resource.',
    mimeType: 'text/plain',
    async read() {
      return 'This is the content of the static text resource.';
    },
  }),
  defineResource({
    name: 'static-binary',
    uriTemplate: 'test://static-binary',
    description: 'A static binary resource (a PNG).',
    mimeType: 'image/png',
    async read() {
      return new Uint8Array(Buffer.from(TEST_IMAGE_BASE64, 'base64'));
    },
  }),
  defineResource({
    name: 'watched-resource',
    uriTemplate: 'test://watched-resource',
    description: 'A resource clients subscribe to.',
    mimeType: 'text/plain',
    async read() {
      return 'Watched resource content';
    },
  }),
  defineResource({
    name: 'template',
    uriTemplate: 'test://template/{id}/data',
    description: 'A resource template with parameter substitution.',
    async read(_uri, vars) {
      const id = String(vars.id);
      return { id, templateTest: true, data: `Data for ID: ${id}` };
    },
  }),
];

export const PROMPT_ARGS = z.object({
  arg1: z.string().describe('First test argument'),
  arg2: z.string().describe('Second test argument'),
});
