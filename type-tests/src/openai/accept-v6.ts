// openai 6.x values are accepted where ModelMesh's types are asked for, without casts.
import type { MeshSurface, V6Surface } from './surfaces.js';

declare const openai: V6Surface;
export const accepted: MeshSurface = openai;
