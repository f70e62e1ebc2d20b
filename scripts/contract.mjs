// Entry points that ../shared/CONTRACT.md requires dist/Code.js to declare at top level.
export const CONTRACT_ENTRY_POINTS = ['doPost', 'doGet', 'onOpen', 'setup'];
