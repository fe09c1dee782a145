param($p)
# Status and start type of the named services; a service that does not exist is reported, not thrown.
$out = [System.Collections.Generic.List[object]]::new()
foreach ($name in @($p.names)) {
    $service = Get-Service -Name ([string]$name) -ErrorAction SilentlyContinue
    if ($null -eq $service) {
        $out.Add([ordered]@{ name = [string]$name; exists = $false; status = $null; startType = $null; displayName = $null })
        continue
    }
    $out.Add([ordered]@{
        name        = $service.Name
        exists      = $true
        status      = $service.Status.ToString()
        startType   = $service.StartType.ToString()
        displayName = $service.DisplayName
    })
}
[ordered]@{ services = @($out) }
