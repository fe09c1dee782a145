param($p)
# One project as HLK Studio's Project tab shows it: its product instances (platform and pool), the product
# types HLK detected (ProductInstance.GetProductTypes: LAN only once every LAN feature is on the target),
# its targets with the machine each is on and their features, whether a playlist is loaded, and its counts.
Invoke-HlkObjectModel {
    param($manager, $server, $database)
    $project = Get-HlkProject $manager ([string]$p.name) $server
    $instances = [System.Collections.Generic.List[object]]::new()
    $types = [System.Collections.Generic.List[string]]::new()
    $targets = [System.Collections.Generic.List[object]]::new()
    foreach ($instance in @($project.GetProductInstances())) {
        $pool = $null
        if ($null -ne $instance.MachinePool) { $pool = [string]$instance.MachinePool.Path }
        $instances.Add([ordered]@{ name = [string]$instance.Name; platform = (ConvertTo-HlkPlatform $instance.OSPlatform); pool = $pool })
        foreach ($type in @($instance.GetProductTypes())) {
            if (-not $types.Contains([string]$type.Name)) { $types.Add([string]$type.Name) }
        }
        foreach ($target in @($instance.GetTargets())) {
            $targets.Add([ordered]@{
                name     = [string]$target.Name
                key      = [string]$target.Key
                type     = [string]$target.TargetType
                machine  = [string]$target.Machine.Name
                features = @($target.GetFeatures() | ForEach-Object { [string]$_.FullName })
            })
        }
    }
    # IsPlaylistLoaded is missing from older kits' object model: then it is not known.
    $playlistLoaded = $null
    try {
        $playlists = New-Object Microsoft.Windows.Kits.Hardware.ObjectModel.PlaylistManager -ArgumentList $project
        $playlistLoaded = [bool]$playlists.IsPlaylistLoaded()
    } catch {
        $playlistLoaded = $null
    }
    $info = $project.Info
    [ordered]@{
        name             = [string]$project.Name
        createdAt        = (Format-HlkTime $project.CreationTime)
        modifiedAt       = (Format-HlkTime $project.ModifiedTime)
        productInstances = @($instances)
        productTypes     = @($types)
        targets          = @($targets)
        playlistLoaded   = $playlistLoaded
        counts           = [ordered]@{
            total   = [int]$info.TotalCount
            passed  = [int]$info.PassedCount
            failed  = [int]$info.FailedCount
            running = [int]$info.RunningCount
            notRun  = [int]$info.NotRunCount
        }
    }
}
