param($p)
# The signing report of one driver folder: the INF's [Version] DriverVer and CatalogFile names, every file
# of the folder against the catalog, and the Authenticode signature of the catalog and each binary.
# Test-FileCatalog -Detailed computes each file's hash as the catalog API does (the Authenticode hash of a
# binary) and gives the catalog's own list, so both can be compared file by file.
# https://learn.microsoft.com/powershell/module/microsoft.powershell.security/test-filecatalog
# https://learn.microsoft.com/powershell/module/microsoft.powershell.security/get-authenticodesignature
# https://learn.microsoft.com/windows-hardware/drivers/install/inf-version-section
$ErrorActionPreference = 'Stop'
if ($p.storedInf) {
    # The driver store keeps an installed package in FileRepository\<inf>_<architecture>_<hash>.
    $repository = $env:SystemRoot + '\System32\DriverStore\FileRepository'
    $stored = @(Get-ChildItem -LiteralPath $repository -Filter (([string]$p.storedInf) + '_*') | Where-Object { $_.PSIsContainer })
    if ($stored.Count -eq 0) { throw "The driver store has no copy of $($p.storedInf): the driver is not installed on this machine." }
    if ($stored.Count -gt 1) { throw "The driver store has $($stored.Count) copies of $($p.storedInf) ($(@($stored | ForEach-Object { $_.Name }) -join ', ')): remove the stale ones so the clients run one known package." }
    $folder = $stored[0].FullName
} else { $folder = ([string]$p.folder).TrimEnd('\') }
if (-not (Test-Path -LiteralPath $folder)) { throw "There is no folder $folder on this machine." }

# The folder's files and those of its subfolders (amd64, i386, arm64), relative to it.
$entries = [System.Collections.Generic.List[object]]::new()
foreach ($item in @(Get-ChildItem -LiteralPath $folder)) {
    if ($item.PSIsContainer) {
        foreach ($inner in @(Get-ChildItem -LiteralPath $item.FullName -File)) { $entries.Add($inner) }
    } else { $entries.Add($item) }
}
$relative = { param($Full) $Full.Substring($folder.Length + 1) }

$infs = @($entries | Where-Object { $_.Name -like '*.inf' -and -not (& $relative $_.FullName).Contains('\') })
if ($infs.Count -eq 0) { throw "$folder has no .inf file: choose the driver package's folder, the one that holds its INF." }
$inf = $infs[0]
$section = ''
$driverVer = $null
$catalogFiles = [System.Collections.Generic.List[object]]::new()
foreach ($line in @(Get-Content -LiteralPath $inf.FullName)) {
    $text = ($line -replace ';.*$', '').Trim()
    if ($text -match '^\[\s*(.+?)\s*\]$') { $section = $Matches[1]; continue }
    if ($section -ne 'Version') { continue }
    if ($text -match '^DriverVer\s*=\s*(.+)$') { $driverVer = $Matches[1].Trim() }
    elseif ($text -match '^(CatalogFile(\.[A-Za-z0-9_]+)?)\s*=\s*(.+)$') {
        $catalogFiles.Add([ordered]@{ key = $Matches[1]; file = $Matches[3].Trim().Trim('"') })
    }
}

function ConvertTo-SignatureView($Signature) {
    $signer = $null
    if ($null -ne $Signature.SignerCertificate) {
        $certificate = $Signature.SignerCertificate
        $signer = [ordered]@{
            subject    = [string]$certificate.Subject
            issuer     = [string]$certificate.Issuer
            thumbprint = [string]$certificate.Thumbprint
            notAfter   = $certificate.NotAfter.ToUniversalTime().ToString('o')
        }
    }
    return [ordered]@{ status = [string]$Signature.Status; message = [string]$Signature.StatusMessage; signer = $signer }
}

# The catalog the INF names (its first CatalogFile that is in the folder), else any .cat in the folder.
$catalogEntry = $null
foreach ($named in @($catalogFiles)) {
    $catalogEntry = @($entries | Where-Object { (& $relative $_.FullName) -ieq $named.file }) | Select-Object -First 1
    if ($null -ne $catalogEntry) { break }
}
if ($null -eq $catalogEntry) { $catalogEntry = @($entries | Where-Object { $_.Name -like '*.cat' }) | Select-Object -First 1 }

$catalog = $null
$pathItems = @{}
$catalogItems = @{}
if ($null -ne $catalogEntry) {
    $information = Test-FileCatalog -CatalogFilePath $catalogEntry.FullName -Path $folder -Detailed
    foreach ($key in @($information.PathItems.Keys)) { $pathItems[$key.ToLowerInvariant()] = [string]$information.PathItems[$key] }
    foreach ($key in @($information.CatalogItems.Keys)) { $catalogItems[$key.ToLowerInvariant()] = [string]$information.CatalogItems[$key] }
    $present = @($entries | ForEach-Object { (& $relative $_.FullName).ToLowerInvariant() })
    $missing = @($information.CatalogItems.Keys | Where-Object { $present -notcontains $_.ToLowerInvariant() } | Sort-Object)
    $catalog = [ordered]@{
        file          = (& $relative $catalogEntry.FullName)
        hashAlgorithm = [string]$information.HashAlgorithm
        status        = [string]$information.Status
        missing       = @($missing)
    }
}

$files = [System.Collections.Generic.List[object]]::new()
foreach ($entry in @($entries | Sort-Object { (& $relative $_.FullName).ToLowerInvariant() })) {
    $path = & $relative $entry.FullName
    $key = $path.ToLowerInvariant()
    $signature = $null
    if ($entry.Name -match '\.(sys|dll|exe|cat)$') { $signature = ConvertTo-SignatureView (Get-AuthenticodeSignature -LiteralPath $entry.FullName) }
    $hash = $null
    if ($pathItems.ContainsKey($key)) { $hash = $pathItems[$key] }
    $catalogHash = $null
    if ($catalogItems.ContainsKey($key)) { $catalogHash = $catalogItems[$key] }
    $files.Add([ordered]@{ path = $path; bytes = [int64]$entry.Length; hash = $hash; catalogHash = $catalogHash; signature = $signature })
}

[ordered]@{
    folder  = $folder
    inf     = [ordered]@{ file = $inf.Name; driverVer = $driverVer; catalogFiles = @($catalogFiles) }
    catalog = $catalog
    files   = @($files)
}
