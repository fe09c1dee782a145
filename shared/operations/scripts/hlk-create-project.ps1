param($p)
# Creates a project (ProjectManager.CreateProject; names are case-insensitive), unless one of that name is
# there already.
Invoke-HlkObjectModel {
    param($manager, $server, $database)
    $name = [string]$p.name
    $created = $false
    $existing = @($manager.GetProjectNames() | Where-Object { Test-SameName ([string]$_) $name })
    if ($existing.Count -gt 0) {
        $project = $manager.GetProject([string]$existing[0])
    } else {
        $project = $manager.CreateProject($name)
        $created = $true
    }
    [ordered]@{ name = [string]$project.Name; created = $created }
}
