// PowerShell scripts live in .ps1 files so they can be read and reviewed as PowerShell;
// both bundlers import them as text with the `?raw` suffix.
declare module '*.ps1?raw' {
  const text: string;
  export default text;
}

/** C# source compiled by PowerShell's Add-Type (the practice lab's HLK object model stand-in). */
declare module '*.cs?raw' {
  const text: string;
  export default text;
}
