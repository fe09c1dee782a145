param($p)
# Renames network adapters to the names HLK's LAN tests look for (MessageDevice, SupportDevice0), one
# after the other. Each adapter is found by its exact name (-Name would also match a pattern); a name
# that is taken stops with Windows' own message.
$out = [System.Collections.Generic.List[object]]::new()
foreach ($rename in @($p.renames)) {
    $wanted = [string]$rename.name
    $adapter = @(Get-NetAdapter | Where-Object { $_.Name -eq $wanted }) | Select-Object -First 1
    if ($null -eq $adapter) {
        throw ('There is no network adapter named ' + $wanted + ' on this machine.')
    }
    Rename-NetAdapter -InputObject $adapter -NewName ([string]$rename.newName)
    $out.Add([ordered]@{ name = [string]$rename.newName; interfaceDescription = $adapter.InterfaceDescription })
}
[ordered]@{ renamed = @($out) }
