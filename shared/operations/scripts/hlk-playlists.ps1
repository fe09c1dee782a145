param($p)
# The playlist files in the folder where the operator unzipped Microsoft's Hardware Compatibility Playlists
# (named like "HLK Version 1809 CompatPlaylist x64 Server.xml"). Only lists files: which one fits the kit
# and the clients' architecture is worked out by hlk-assist from the names.
$folder = [string]$p.folder
if (-not (Test-Path -LiteralPath $folder -PathType Container)) {
    [ordered]@{ folder = $folder; exists = $false; files = @() }
    return
}
$files = @(Get-ChildItem -LiteralPath $folder -Filter '*.xml' -File | Sort-Object Name | ForEach-Object {
    [ordered]@{ name = $_.Name; path = $_.FullName; size = [int64]$_.Length; modifiedAt = $_.LastWriteTimeUtc.ToString('o') }
})
[ordered]@{ folder = $folder; exists = $true; files = $files }
