param($p)
# Builds the cabinet Microsoft's Hardware Dev Center takes for attestation signing: a makecab directive
# file (.ddf) that puts the driver package under one folder named after its INF, then `makecab /f`. The
# package's old .cat stays out (Microsoft's signing makes its own); symbols (.pdb) go in only if asked.
# https://learn.microsoft.com/windows-hardware/drivers/dashboard/attestation-signing-a-kernel-driver-for-public-release
# https://learn.microsoft.com/windows-server/administration/windows-commands/makecab
$ErrorActionPreference = 'Stop'
$folder = ([string]$p.folder).TrimEnd('\')
$output = ([string]$p.outputFolder).TrimEnd('\')
$cabName = [string]$p.cabName
if (-not (Test-Path -LiteralPath $folder)) { throw "There is no folder $folder on this machine." }
if ($output.ToLowerInvariant().StartsWith($folder.ToLowerInvariant() + '\') -or $output -ieq $folder) {
    throw "The output folder $output is inside the driver folder: the .ddf and .cab would end up in the package. Choose a folder outside it."
}
$makecab = Get-Command -Name 'makecab.exe' -CommandType Application -ErrorAction Stop | Select-Object -First 1

$entries = [System.Collections.Generic.List[object]]::new()
foreach ($item in @(Get-ChildItem -LiteralPath $folder)) {
    if ($item.PSIsContainer) {
        foreach ($inner in @(Get-ChildItem -LiteralPath $item.FullName -File)) { $entries.Add($inner) }
    } else { $entries.Add($item) }
}
$infs = @($entries | Where-Object { $_.Name -like '*.inf' -and $_.FullName.Substring($folder.Length + 1) -notmatch '\\' })
if ($infs.Count -eq 0) { throw "$folder has no .inf file: choose the driver package's folder, the one that holds its INF." }
$package = [System.IO.Path]::GetFileNameWithoutExtension($infs[0].Name)

$files = [System.Collections.Generic.List[object]]::new()
$leftOut = [System.Collections.Generic.List[object]]::new()
$lines = [System.Collections.Generic.List[string]]::new()
foreach ($line in @(
        '.OPTION EXPLICIT', '.Set CabinetFileCountThreshold=0', '.Set FolderFileCountThreshold=0', '.Set FolderSizeThreshold=0',
        '.Set MaxCabinetSize=0', '.Set MaxDiskFileCount=0', '.Set MaxDiskSize=0', '.Set CompressionType=MSZIP', '.Set Cabinet=on',
        '.Set Compress=on', '.Set InfFileName=NUL', '.Set RptFileName=NUL', ('.Set CabinetNameTemplate=' + $cabName),
        ('.Set DiskDirectoryTemplate="' + $output + '"'))) { $lines.Add($line) }
$current = $null
foreach ($entry in @($entries | Sort-Object { $_.FullName.ToLowerInvariant() })) {
    $path = $entry.FullName.Substring($folder.Length + 1)
    if ($entry.Name -like '*.cat') { $leftOut.Add([ordered]@{ path = $path; reason = 'Microsoft signs the package with a catalog of its own' }); continue }
    if ($entry.Name -like '*.pdb' -and -not $p.includeSymbols) { $leftOut.Add([ordered]@{ path = $path; reason = 'symbols were not asked for' }); continue }
    $destination = $package
    if ($path.Contains('\')) { $destination = $package + '\' + ($path -replace '\\[^\\]+$', '') }
    if ($destination -ne $current) { $lines.Add('.Set DestinationDir=' + $destination); $current = $destination }
    $lines.Add('"' + $entry.FullName + '"')
    $files.Add([ordered]@{ source = $path; destination = $destination + '\' + $entry.Name; bytes = [int64]$entry.Length })
}
if ($files.Count -eq 0) { throw "$folder holds nothing to sign besides its catalog." }

$null = New-Item -ItemType Directory -Path $output -Force
$ddfPath = $output + '\' + [System.IO.Path]::GetFileNameWithoutExtension($cabName) + '.ddf'
$ddf = ($lines -join "`r`n") + "`r`n"
Set-Content -LiteralPath $ddfPath -Value $ddf -Encoding ASCII -NoNewline
$ErrorActionPreference = 'Continue'
$said = @(& $makecab '/f' $ddfPath 2>&1 | ForEach-Object { [string]$_ })
$exitCode = $LASTEXITCODE
$ErrorActionPreference = 'Stop'
if ($exitCode -ne 0) {
    $reason = (@($said | Where-Object { $_ -match 'ERROR' }) -join ' ').Trim()
    if (-not $reason) { $reason = (@($said | Select-Object -Last 3) -join ' ').Trim() }
    throw "makecab failed (exit code $exitCode): $reason"
}
$cabPath = $output + '\' + $cabName
$cab = Get-Item -LiteralPath $cabPath
[ordered]@{ ddfPath = $ddfPath; ddf = $ddf; cabPath = $cabPath; cabBytes = [int64]$cab.Length; files = @($files); leftOut = @($leftOut) }
