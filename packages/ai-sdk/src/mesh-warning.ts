/**
 * A call setting or tool the mesh could not honour. Kept version-neutral so the V3 and V2
 * models each render it in their own specification's warning shape.
 */
export type MeshWarning =
  | { readonly kind: 'setting'; readonly setting: string; readonly details?: string }
  | { readonly kind: 'tool'; readonly tool: string; readonly details?: string }
  | { readonly kind: 'other'; readonly message: string };
