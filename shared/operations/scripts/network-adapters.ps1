param($p)
# Network adapters with what HLK's LAN tests care about: name, driver, link speed, media state, addresses.
$out = [System.Collections.Generic.List[object]]::new()
foreach ($adapter in @(Get-NetAdapter -IncludeHidden:$false)) {
    $addresses = @(Get-NetIPAddress -InterfaceIndex $adapter.ifIndex -ErrorAction SilentlyContinue |
        ForEach-Object { [ordered]@{ address = $_.IPAddress; family = $_.AddressFamily.ToString(); prefixLength = [int]$_.PrefixLength } })
    $out.Add([ordered]@{
        name                 = $adapter.Name
        interfaceDescription = $adapter.InterfaceDescription
        ifIndex              = [int]$adapter.ifIndex
        status               = $adapter.Status.ToString()
        mediaConnectionState = $adapter.MediaConnectionState.ToString()
        linkSpeed            = [string]$adapter.LinkSpeed
        receiveLinkSpeed     = [int64]$adapter.ReceiveLinkSpeed
        macAddress           = $adapter.MacAddress
        driverVersion        = [string]$adapter.DriverVersion
        componentId          = [string]$adapter.ComponentID
        addresses            = $addresses
    })
}
[ordered]@{ adapters = @($out) }
