param($p)
# What the wiki does by hand in Studio's Selection tab ("right click on the TAP adapter and add the feature
# Device.Network.LAN.PM"): Target.AddFeature with the feature from ProjectManager.GetFeatures, on every
# target of the project whose hardware id (its key) or name holds the driver's hardware id. HLK then sees
# every feature of the LAN product type and adds LAN to the project's product types.
Invoke-HlkObjectModel {
    param($manager, $server, $database)
    $project = Get-HlkProject $manager ([string]$p.project) $server
    $wanted = [string]$p.feature
    $feature = @($manager.GetFeatures() | Where-Object { Test-SameName ([string]$_.FullName) $wanted }) | Select-Object -First 1
    if ($null -eq $feature) {
        throw ('This kit on ' + $server + ' has no feature named ' + $wanted + '.')
    }
    $match = [string]$p.hardwareId
    $changed = [System.Collections.Generic.List[object]]::new()
    $types = [System.Collections.Generic.List[string]]::new()
    foreach ($instance in @($project.GetProductInstances())) {
        foreach ($target in @($instance.GetTargets())) {
            $isDriver = ([string]$target.Key).IndexOf($match, [StringComparison]::OrdinalIgnoreCase) -ge 0 -or ([string]$target.Name).IndexOf($match, [StringComparison]::OrdinalIgnoreCase) -ge 0
            if (-not $isDriver) { continue }
            $has = @($target.GetFeatures() | Where-Object { Test-SameName ([string]$_.FullName) $wanted }).Count -gt 0
            if (-not $has) { [void]$target.AddFeature($feature) }
            $changed.Add([ordered]@{ name = [string]$target.Name; machine = [string]$target.Machine.Name; added = (-not $has) })
        }
        foreach ($type in @($instance.GetProductTypes())) {
            if (-not $types.Contains([string]$type.Name)) { $types.Add([string]$type.Name) }
        }
    }
    if ($changed.Count -eq 0) {
        throw ('Project ' + [string]$project.Name + ' has no target for ' + $match + ': select the TAP adapter on the client in Studio''s Selection tab first.')
    }
    [ordered]@{ feature = [string]$feature.FullName; targets = @($changed); productTypes = @($types) }
}
