param($p)
# Removes network drive mappings and forgets them for the next logon, like `net use R: /delete`. Each
# mapping is found by its exact local path (-LocalPath would also match a pattern).
$removed = [System.Collections.Generic.List[string]]::new()
foreach ($localPath in @($p.localPaths)) {
    $wanted = [string]$localPath
    $mappings = @(Get-SmbMapping | Where-Object { $_.LocalPath -eq $wanted })
    if ($mappings.Count -eq 0) {
        throw ('There is no network drive ' + $wanted + ' on this machine.')
    }
    $mappings | Remove-SmbMapping -Force -UpdateProfile
    $removed.Add($wanted)
}
[ordered]@{ removed = @($removed) }
