// One parsing thread of a build: validates its share of the advisory files and posts the results back.
import { parentPort, workerData } from 'node:worker_threads';
import type { ContentFile } from '../core/validate/advisory.ts';
import { parseInline, type ValidationContext } from '../core/validate/content.ts';

const { files, context } = workerData as { files: ContentFile[]; context: ValidationContext };
parentPort!.postMessage(parseInline(files, context));
