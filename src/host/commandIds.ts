// Every command id in one place (package.json "contributes.commands" mirrors this).
export const Commands = {
  showToday: 'craftTime.showToday',
  pause: 'craftTime.pause',
  resume: 'craftTime.resume',
  excludeWorkspace: 'craftTime.excludeWorkspace',
  includeWorkspace: 'craftTime.includeWorkspace',
  openDataFolder: 'craftTime.openDataFolder',
  exportData: 'craftTime.exportData',
  importData: 'craftTime.importData',
  deleteAllData: 'craftTime.deleteAllData',
} as const;
