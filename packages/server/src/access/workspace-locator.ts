/**
 * Tells which project a workspace belongs to, so project bindings reach into its
 * workspaces. Tenancy provides the real one; until then no workspace has a project.
 */
export interface WorkspaceLocator {
  projectOf(workspaceId: string): Promise<string | null>;
}

export const noWorkspaceProjects: WorkspaceLocator = {
  projectOf: async () => null,
};
